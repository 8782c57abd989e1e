// The KPI context's public surface.
export * from './kpis.http.module';
export * from './kpis.projections';
export * from './kpis/read-models/kpi-facts/kpi-facts.table';
export { kpiFactsProjection } from './kpis/read-models/kpi-facts/kpi-facts.projection';
