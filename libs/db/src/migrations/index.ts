import type { Migration } from 'kysely';
import * as projections from './2026-11-21T18-14-projections';
import * as eventStore from './2026-11-21T18-20-event-store';
import * as httpIdempotency from './2026-11-21T18-30-http-idempotency';
import * as ledger from './2026-11-21T19-10-ledger';
import * as orders from './2026-11-21T19-11-orders';
import * as programs from './2026-11-21T19-12-programs';
import * as eventStoreOneStreamAppend from './2026-11-21T21-00-event-store-one-stream-append';
import * as parkedEvents from './2026-12-02T05-40-parked-events';
import * as httpIdempotencyOwner from './2026-12-02T06-00-http-idempotency-owner';
import * as readModelOrgKeys from './2026-12-02T07-10-read-model-org-keys';
import * as governance from './2026-12-02T10-30-governance';
import * as collaboration from './2026-12-02T10-40-collaboration';
import * as statements from './2026-12-02T10-20-statements';
import * as earningModifications from './2026-12-02T10-10-earning-modifications';
import * as disputes from './2026-12-02T10-10-disputes';
import * as kpis from './2026-12-02T11-00-kpis';
import * as fraud from './2026-12-02T10-50-fraud';
import * as payouts from './2026-12-02T10-00-payouts';
import * as earningEvidence from './2026-12-02T11-20-earning-evidence';
import * as payoutItemInfluencer from './2026-12-02T11-30-payout-item-influencer';

// Frozen migrations, named with an ISO timestamp prefix (the time they were written), applied in
// key order. Each capability adds its file here; never edit or rename a migration that has shipped.
export const migrations: Record<string, Migration> = {
  '2026-11-21T18-14-projections': projections,
  '2026-11-21T18-20-event-store': eventStore,
  '2026-11-21T18-30-http-idempotency': httpIdempotency,
  '2026-11-21T19-10-ledger': ledger,
  '2026-11-21T19-11-orders': orders,
  '2026-11-21T19-12-programs': programs,
  '2026-11-21T21-00-event-store-one-stream-append': eventStoreOneStreamAppend,
  '2026-12-02T05-40-parked-events': parkedEvents,
  '2026-12-02T06-00-http-idempotency-owner': httpIdempotencyOwner,
  '2026-12-02T07-10-read-model-org-keys': readModelOrgKeys,
  '2026-12-02T10-30-governance': governance,
  '2026-12-02T10-40-collaboration': collaboration,
  '2026-12-02T10-20-statements': statements,
  '2026-12-02T10-10-earning-modifications': earningModifications,
  '2026-12-02T10-10-disputes': disputes,
  '2026-12-02T11-00-kpis': kpis,
  '2026-12-02T10-50-fraud': fraud,
  '2026-12-02T10-00-payouts': payouts,
  '2026-12-02T11-20-earning-evidence': earningEvidence,
  '2026-12-02T11-30-payout-item-influencer': payoutItemInfluencer,
};
