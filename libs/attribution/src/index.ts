// The attribution context's public surface.
export * from './domain';
export * from './catalog/read-models/program-catalog';
// Builders for tests and benchmarks (like @ledger/kernel's testing helpers).
export * from './testing';
export * from './attribution.http.module';
export { shareLinkPath } from './touches/commands/follow-share-link/share-link';
export { CUSTOMER_COOKIE } from './touches/commands/follow-share-link/customer-cookie';
export { signShareLinkCid, type SignedCid } from './touches/commands/follow-share-link/share-link-signature';
export { SHARE_LINK_RATE_BOUNDS, type ShareLinkRateBounds } from './touches/commands/follow-share-link/share-link-rate-limiter';
export { TouchEmitter, type TouchEmitterSettings } from './touches/touch-emitter';
