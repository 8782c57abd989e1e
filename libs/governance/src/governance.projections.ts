import { governanceGrantProjection } from './grants/read-models/governance-grant/governance-grant.projection';

export { governanceGrantProjection };

/** The governance read models, for apps/main/projections.ts. */
export const governanceProjections = [governanceGrantProjection];
