// Proves program_application on real PostgreSQL: the queue row from submission to decision (approved with its profile
// and code, rejected with its reason and actor); a replay changes nothing; verify agrees.
import { applicationDecider } from '../../../domain';
import { T0, T1 } from '../../../domain/testing/fixtures';
import { createReadModelFixture, decided, ORG, type ReadModelFixture } from '../../../testing/read-model-fixture';
import { programApplicationProjection } from './program-application.projection';

let fx: ReadModelFixture;
beforeAll(async () => {
  fx = await createReadModelFixture();
});
afterAll(() => fx.close());

const submit = (applicationId: string, email: string) => ({
  type: 'SubmitApplication' as const,
  data: { applicationId, campaignId: 'c-1', name: 'Anna', email, fields: { audienceSize: 12_000 }, intakeFields: [{ name: 'audienceSize', type: 'number' as const, required: true }], now: T0 },
});

it('tracks applications from the queue to their decision', async () => {
  await fx.append(`application-${ORG}.a-1`, decided(applicationDecider, [submit('a-1', 'Anna@Example.com'), { type: 'ApproveApplication', data: { applicationId: 'a-1', influencerId: 'i-1', codeId: 'k-1', code: 'ANNA10', kind: 'coupon', now: T1 } }]));
  await fx.append(`application-${ORG}.a-2`, decided(applicationDecider, [submit('a-2', 'bob@example.com'), { type: 'RejectApplication', data: { applicationId: 'a-2', reasonCode: 'audience_mismatch', note: 'too small', now: T1 } }]));
  await fx.append(`application-${ORG}.a-3`, decided(applicationDecider, [submit('a-3', 'carl@example.com')]));
  await fx.project(programApplicationProjection);

  const rows = await fx.rows('program_application');
  expect(rows).toEqual([
    expect.objectContaining({ application_id: 'a-1', email: 'anna@example.com', fields: { audienceSize: 12_000 }, status: 'approved', influencer_id: 'i-1', code: 'ANNA10', decided_at: T1, decided_by: 'tester', last_revision: 1 }),
    expect.objectContaining({ application_id: 'a-2', status: 'rejected', reason_code: 'audience_mismatch', note: 'too small', influencer_id: null, decided_at: T1 }),
    expect.objectContaining({ application_id: 'a-3', status: 'applied', submitted_at: T0, decided_at: null, last_revision: 0 }),
  ]);
  await fx.replay(programApplicationProjection);
  expect(await fx.rows('program_application')).toEqual(rows);
  expect(await fx.verify(programApplicationProjection)).toBe(true);
});
