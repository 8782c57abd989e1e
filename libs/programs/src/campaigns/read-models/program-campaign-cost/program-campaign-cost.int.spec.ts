// Proves program_campaign_cost on real PostgreSQL: one row per recorded cost, money in minor units; a replay changes nothing; verify agrees.
import { campaignDecider } from '../../../domain';
import { T0, T1, validRules } from '../../../domain/testing/fixtures';
import { createReadModelFixture, decided, ORG, type ReadModelFixture } from '../../../testing/read-model-fixture';
import { programCampaignCostProjection } from './program-campaign-cost.projection';

let fx: ReadModelFixture;
beforeAll(async () => {
  fx = await createReadModelFixture();
});
afterAll(() => fx.close());

it('keeps one row per cost id', async () => {
  const cost = (costId: string, amount: number, channel?: 'pos') => ({
    type: 'RecordCampaignCost' as const,
    data: { campaignId: 'c-1', costId, amount: { amount, currency: 'EUR' }, incurredAt: T1, ...(channel ? { channel } : {}) },
  });
  const events = decided(campaignDecider, [
    { type: 'CreateCampaign', data: { campaignId: 'c-1', name: 'Spring', rules: validRules(), now: T0 } },
    cost('a', 12_000, 'pos'),
    cost('b', 500),
    cost('a', 12_000, 'pos'), // a retry: the decider records nothing
  ]);
  await fx.append(`campaign-${ORG}.c-1`, events);
  await fx.project(programCampaignCostProjection);

  const rows = await fx.rows('program_campaign_cost');
  expect(rows.map((r) => [r.cost_id, r.amount_minor, r.currency, r.channel])).toEqual([
    ['a', 12_000, 'EUR', 'pos'],
    ['b', 500, 'EUR', null],
  ]);
  await fx.replay(programCampaignCostProjection);
  expect(await fx.rows('program_campaign_cost')).toEqual(rows);
  expect(await fx.verify(programCampaignCostProjection)).toBe(true);
});
