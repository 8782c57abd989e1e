// Proves program_code on real PostgreSQL: codes in their normalised spelling, deactivation with its reason; a replay changes nothing; verify agrees.
import { codeDecider } from '../../../domain';
import { T0, T1 } from '../../../domain/testing/fixtures';
import { createReadModelFixture, decided, ORG, type ReadModelFixture } from '../../../testing/read-model-fixture';
import { programCodeProjection } from './program-code.projection';

let fx: ReadModelFixture;
beforeAll(async () => {
  fx = await createReadModelFixture();
});
afterAll(() => fx.close());

it('keeps one row per code and marks deactivation', async () => {
  const issue = (codeId: string, code: string) => ({ type: 'IssueCode' as const, data: { codeId, code, campaignId: 'c-1', influencerId: 'i-1', kind: 'coupon' as const, now: T0 } });
  await fx.append(`code-${ORG}.ANNA10`, decided(codeDecider, [issue('k-1', 'anna10'), { type: 'DeactivateCode', data: { code: 'ANNA10', reasonCode: 'left', now: T1 } }]));
  await fx.append(`code-${ORG}.BOB5`, decided(codeDecider, [{ ...issue('k-2', 'BOB5'), data: { ...issue('k-2', 'BOB5').data, kind: 'link', channels: ['ecommerce'], discount: { type: 'percent', rateBps: 500 } } }]));
  await fx.project(programCodeProjection);

  const rows = await fx.rows('program_code');
  expect(rows.map((r) => [r.code_id, r.code, r.kind, r.active, r.deactivated_at, r.deactivation_reason, r.channels, r.discount])).toEqual([
    ['k-1', 'ANNA10', 'coupon', false, T1, 'left', null, null],
    ['k-2', 'BOB5', 'link', true, null, null, ['ecommerce'], { type: 'percent', rateBps: 500 }],
  ]);
  await fx.replay(programCodeProjection);
  expect(await fx.rows('program_code')).toEqual(rows);
  expect(await fx.verify(programCodeProjection)).toBe(true);
});
