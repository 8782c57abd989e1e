// Proves program_campaign + program_campaign_rules_version on real PostgreSQL: the runner builds status, current
// rules, history and every version from decider-made events; replaying them changes nothing; verify agrees.
import { campaignDecider, type CampaignCommand } from '../../../domain';
import { T0, T1, T2, validRules } from '../../../domain/testing/fixtures';
import { createReadModelFixture, decided, ORG, type ReadModelFixture } from '../../../testing/read-model-fixture';
import { programCampaignProjection } from './program-campaign.projection';

let fx: ReadModelFixture;
beforeAll(async () => {
  fx = await createReadModelFixture();
});
afterAll(() => fx.close());

it('builds the campaign and its versions, and a replay changes nothing', async () => {
  const commands: CampaignCommand[] = [
    { type: 'CreateCampaign', data: { campaignId: 'c-1', name: 'Spring', rules: validRules(), now: T0 } },
    { type: 'ActivateCampaign', data: { campaignId: 'c-1', now: T1 } },
    { type: 'UpdateCampaignRules', data: { campaignId: 'c-1', name: 'Spring+', rules: validRules({ holdDays: 7 }), effectiveFrom: T1, now: T1 } },
    { type: 'PauseCampaign', data: { campaignId: 'c-1', reasonCode: 'stock_out', now: T2 } },
    { type: 'CloseCampaign', data: { campaignId: 'c-1', now: T2 } },
    { type: 'RecordCampaignCost', data: { campaignId: 'c-1', costId: 'k', amount: { amount: 1, currency: 'EUR' }, incurredAt: T2 } },
  ];
  await fx.append(`campaign-${ORG}.c-1`, decided(campaignDecider, commands));
  await fx.append(`campaign-${ORG}.c-2`, decided(campaignDecider, [{ type: 'CreateCampaign', data: { campaignId: 'c-2', name: 'Other', rules: validRules(), now: T1 } }]));
  await fx.project(programCampaignProjection);

  const campaigns = await fx.rows('program_campaign');
  expect(campaigns).toHaveLength(2);
  expect(campaigns[0]).toMatchObject({
    org: ORG,
    campaign_id: 'c-1',
    name: 'Spring+',
    status: 'closed',
    rules_version: 2,
    rules: expect.objectContaining({ holdDays: 7 }),
    activated_at: T1,
    closed_at: T2,
    status_history: [
      { status: 'draft', at: T0 },
      { status: 'active', at: T1 },
      { status: 'paused', at: T2, reasonCode: 'stock_out' },
      { status: 'closed', at: T2 },
    ],
    last_revision: 4, // the cost (revision 5) belongs to another read model
  });
  const versions = await fx.rows('program_campaign_rules_version');
  expect(versions.map((v) => [v.campaign_id, v.rules_version, v.renamed_to])).toEqual([
    ['c-1', 1, null],
    ['c-1', 2, 'Spring+'],
    ['c-2', 1, null],
  ]);

  await fx.replay(programCampaignProjection);
  expect(await fx.rows('program_campaign')).toEqual(campaigns);
  expect(await fx.rows('program_campaign_rules_version')).toEqual(versions);
  expect(await fx.verify(programCampaignProjection)).toBe(true);
});
