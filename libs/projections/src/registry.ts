import { auditStreamProjection } from './audit-stream/audit-stream.projection';
import { ProjectionRegistry } from './projection-registry';

/**
 * Every projection of the system: the worker runs these, the CLI rebuilds and verifies them.
 * A capability registers its projection by adding it here (one import, one entry).
 * This file imports the capabilities, which import '@ledger/projections' back: index.ts
 * exports this file last, so such a cycle finds every other export already in place.
 */
export const projectionRegistry = new ProjectionRegistry([
  auditStreamProjection,
]);
