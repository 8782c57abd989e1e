// The KPI context's read models, for apps/main/projections.ts.
import { kpiFactsProjection } from './kpis/read-models/kpi-facts/kpi-facts.projection';

export const kpisProjections = [kpiFactsProjection];
