// The attribution domain's public surface: the engine, ApplyCode's validation and the catalog view.
export * from './attribution-engine';
export * from './attribution-model';
export * from './attribution.types';
export * from './campaign.view';
export * from './catalog.view';
export * from './code-validation';
export * from './code.view';
export * from './influencer.view';
export * from './status-timeline';
