// Proves auditors read any stream of their own org with full metadata over HTTP (paged), never another org's,
// and see every projection's checkpoint and lag; real PostgreSQL, events appended through the real commands.
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';

describe('audit/stream and projection/status', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const post = async (status: number, path: string, body: object, claims: object = {}, role?: string) => {
    const req = request(t.server).post(`/influencer/${path}`).set(await t.auth(claims));
    const res = await (role ? req.set('X-Actor-Role', role) : req).send(body);
    expect({ path, status: res.status, body: res.status === status ? 'as expected' : res.body }).toEqual({ path, status, body: 'as expected' });
    return res;
  };

  it('replays an order stream with metadata, page by page', async () => {
    const base = { orderId: 'o-audit', occurredAt: '2026-03-01T10:00:00Z' };
    await post(200, 'order/record', { ...base, sourceRef: 'scm-a1', channel: 'ecommerce', customerRef: 'c1', currency: 'EUR', lines: [{ lineId: 'l1', sku: 'TEE', quantity: 2, unitPrice: 1_000 }] }, {}, 'inf_admin');
    await post(200, 'order/return', { ...base, sourceRef: 'scm-a2', returnId: 'r1', lines: [{ lineId: 'l1', quantity: 1 }] }, {}, 'inf_admin');

    const first = await post(200, 'audit/stream', { stream: 'order-test-org.o-audit', limit: 1 }, { roles: ['inf_auditor'] });
    expect(first.body.events).toHaveLength(1);
    expect(first.body.events[0]).toMatchObject({ type: 'OrderRecorded', revision: 0, data: { orderId: 'o-audit', sourceRef: 'scm-a1' } });
    expect(first.body.events[0].metadata).toMatchObject({ org: 'test-org', actorId: 'test-actor', sourceRef: 'scm-a1', occurredAt: expect.any(String) });
    expect(first.body.events[0].position).toMatch(/^\d+-\d+$/);
    expect(first.body.nextRevision).toBe(1);

    const next = await post(200, 'audit/stream', { stream: 'order-test-org.o-audit', fromRevision: first.body.nextRevision }, { roles: ['inf_auditor'] });
    expect(next.body.events.map((e: { type: string }) => e.type)[0]).toBe('OrderReturned');
  });

  it('another org’s stream is not found; a bad name names the field; a viewer is refused', async () => {
    await post(404, 'audit/stream', { stream: 'order-test-org.o-audit' }, { org: 'other-org', roles: ['inf_auditor'] });
    await post(404, 'audit/stream', { stream: 'order-test-org.never' }, { roles: ['inf_auditor'] });
    const bad = await post(400, 'audit/stream', { stream: 'no-dot', limit: 0 }, { roles: ['inf_auditor'] });
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['limit']);
    const badName = await post(400, 'audit/stream', { stream: 'nodash' }, { roles: ['inf_auditor'] });
    expect(badName.body.errors).toEqual([{ field: 'stream', problem: expect.any(String) }]);
    await post(403, 'audit/stream', { stream: 'order-test-org.o-audit' }, { roles: ['inf_viewer'] });
  });

  it('projection/status lists every projection with its checkpoint and lag', async () => {
    const res = await post(200, 'projection/status', {}, { roles: ['inf_auditor'] });
    const names = res.body.items.map((i: { name: string }) => i.name);
    expect(names).toEqual(expect.arrayContaining(['ledger_earning', 'orders', 'program_campaign', 'audit_stream']));
    for (const item of res.body.items) expect(item).toMatchObject({ running: expect.any(Boolean), lagEvents: expect.any(Number) });
    expect(res.body.items.find((i: { name: string }) => i.name === 'ledger_order_earnings_pm')).toMatchObject({ kind: 'process_manager' });
    expect(res.body.items.find((i: { name: string }) => i.name === 'ledger_earning')).toMatchObject({ kind: 'projection' });
  });
});
