// Proves program_influencer on real PostgreSQL: profile and status from the profile events (ledger events on the
// same stream are filtered out); a replay changes nothing; verify agrees.
import type { DomainEvent } from '@ledger/contracts';
import { influencerProfileDecider } from '../../../domain';
import { T0, T1, T2 } from '../../../domain/testing/fixtures';
import { createReadModelFixture, decided, ORG, type ReadModelFixture } from '../../../testing/read-model-fixture';
import { programInfluencerProjection } from './program-influencer.projection';

let fx: ReadModelFixture;
beforeAll(async () => {
  fx = await createReadModelFixture();
});
afterAll(() => fx.close());

it('tracks the profile and its status', async () => {
  const profile = decided(influencerProfileDecider, [
    { type: 'RegisterInfluencer', data: { influencerId: 'i-1', name: 'Anna', email: 'Anna@Example.com', customerRefs: ['c-1'], tier: 'gold', parentId: 'i-0', now: T0 } },
    { type: 'SuspendInfluencer', data: { influencerId: 'i-1', reasonCode: 'kyc_pending', now: T1 } },
    { type: 'ReactivateInfluencer', data: { influencerId: 'i-1', now: T2 } },
  ]);
  const ledgerFact = { type: 'HoldReleased', data: { earningId: 'e-1', kind: 'period', reasonCode: 'due', early: false, at: T2 } } as DomainEvent;
  await fx.append(`influencer-${ORG}.i-1`, [...profile.slice(0, 2), ledgerFact, ...profile.slice(2)]);
  await fx.project(programInfluencerProjection);

  const rows = await fx.rows('program_influencer');
  expect(rows).toEqual([
    expect.objectContaining({
      influencer_id: 'i-1',
      email: 'anna@example.com',
      customer_refs: ['c-1'],
      tier: 'gold',
      parent_id: 'i-0',
      status: 'active',
      status_reason: null,
      registered_at: T0,
      status_changed_at: T2,
      last_revision: 3,
    }),
  ]);
  await fx.replay(programInfluencerProjection);
  expect(await fx.rows('program_influencer')).toEqual(rows);
  expect(await fx.verify(programInfluencerProjection)).toBe(true);
});
