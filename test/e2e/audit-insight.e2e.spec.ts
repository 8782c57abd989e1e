// Proves the auditor's operations over HTTP on real PostgreSQL: audit/events (paged $all of the org, type
// filter), audit/stream on every stream kind, audit/ledger-as-of at several instants of a history with
// returns, holds and a payment (equal to a fold written independently here) and the CLI `history` giving
// the same, and audit/verify equal after normal operation, not equal after a live row is tampered with.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import request from 'supertest';
import type { NewEvent } from '@ledger/event-store';
import { runCli } from '../../apps/cli/cli';
import { startTestApp, type TestApp } from '../support/app';

const ORG = 'audit-org';
const EA = '00000000-0000-4000-8000-00000000000a';
const EB = '00000000-0000-4000-8000-00000000000b';
const EC = '00000000-0000-4000-8000-00000000000c';
const day = (d: string) => `2026-03-${d}T12:00:00.000Z`;
const eur = (amount: number) => ({ amount, currency: 'EUR' });
const ev = (type: string, data: Record<string, unknown>, at: string, org = ORG): NewEvent => ({
  id: randomUUID(), type, data, metadata: { org, actorId: 'auditor-fixture', role: 'inf_finance', correlationId: 'c-1', schemaVersion: 1, occurredAt: at },
});
const accrued = (earningId: string, amount: number, at: string, holdUntil: string) => [
  ev('EarningAccrued', { earningId, influencerId: 'ada', campaignId: 'c1', orderId: `o-${earningId.slice(-1)}`, channel: 'ecommerce', level: 1, amount: eur(amount), rulesVersion: 1, occurredAt: at, sourceRef: 's', calculation: { basis: 'percent', commissionBase: amount * 10, rateBps: 1000, beforeCap: amount, lines: [] } }, at),
  ev('HoldPlaced', { earningId, kind: 'period', holdUntil, reasonCode: 'hold_period', at }, at),
];

// The history, in business time: A returns part, is released and paid, then clawed back after payment;
// B is put under a manual hold and released early; C is cancelled whole.
const HISTORY: Record<string, NewEvent[]> = {
  [EA]: [
    ...accrued(EA, 1_000, day('01'), day('15')),
    ev('EarningClawedBack', { earningId: EA, amount: eur(200), cumulative: 200, reference: { kind: 'return', id: 'r1' }, reasonCode: 'returned', at: day('05') }, day('05')),
    ev('HoldReleased', { earningId: EA, kind: 'period', reasonCode: 'hold_period_ended', early: false, at: day('15') }, day('15')),
    ev('EarningPaid', { earningId: EA, amount: eur(800), payoutId: 'b1:i1', at: day('20') }, day('20')),
    ev('EarningClawedBack', { earningId: EA, amount: eur(100), cumulative: 300, reference: { kind: 'return', id: 'r2' }, reasonCode: 'returned', at: day('22') }, day('22')),
  ],
  [EB]: [
    ...accrued(EB, 500, day('10'), day('24')),
    ev('HoldPlaced', { earningId: EB, kind: 'manual', reasonCode: 'check', at: day('12') }, day('12')),
    ev('HoldReleased', { earningId: EB, kind: 'manual', reasonCode: 'checked', early: true, at: day('18') }, day('18')),
  ],
  [EC]: [
    ...accrued(EC, 300, day('25'), day('30')),
    ev('EarningClawedBack', { earningId: EC, amount: eur(300), cumulative: 300, reference: { kind: 'cancellation', id: 'o-c' }, reasonCode: 'cancelled', at: day('26') }, day('26')),
  ],
};

type B = { state: string; pending: number; held: number; payable: number; paid: number; clawedBack: number; amount: number };
/** The ledger's rules restated from the spec, independently of its code: where each amount sits at `asOf`. */
function expectedAsOf(asOf: string): Map<string, B> {
  const out = new Map<string, B>();
  for (const [id, events] of Object.entries(HISTORY)) {
    let e: { state: string; amount: number; cb: number; paid: number } | null = null;
    for (const { type, data, metadata } of events) {
      if (metadata.occurredAt > asOf) continue;
      const d = data as Record<string, any>;
      if (type === 'EarningAccrued') e = { state: 'pending', amount: d.amount.amount, cb: 0, paid: 0 };
      else if (type === 'HoldPlaced') e!.state = 'held';
      else if (type === 'HoldReleased') e!.state = 'payable';
      else if (type === 'EarningPaid') e = { ...e!, state: 'paid', paid: e!.paid + d.amount.amount };
      else if (type === 'EarningClawedBack') e = { ...e!, cb: d.cumulative, state: d.cumulative === e!.amount && e!.state !== 'paid' ? 'clawed_back' : e!.state };
    }
    if (!e) continue;
    const rest = e.amount - e.cb;
    out.set(id, {
      state: e.state, amount: e.amount, clawedBack: e.cb, paid: e.paid,
      pending: e.state === 'pending' ? rest : 0, held: e.state === 'held' ? rest : 0,
      payable: e.state === 'payable' ? rest : e.state === 'paid' ? rest - e.paid : 0,
    });
  }
  return out;
}

let t: TestApp;
let lastPosition: string;

async function post(path: string, body: object, status = 200, claims: object = {}) {
  const res = await request(t.server).post(`/influencer/${path}`).set(await t.auth({ org: ORG, roles: ['inf_auditor'], ...claims })).send(body);
  expect({ path, status: res.status, body: res.status === status ? 'ok' : res.body }).toEqual({ path, status, body: 'ok' });
  return res.body;
}

beforeAll(async () => {
  t = await startTestApp();
  await t.eventStore.append(`influencer-${ORG}.ada`, [ev('InfluencerRegistered', { influencerId: 'ada', name: 'Ada', email: 'ada@example.com', customerRefs: [], registeredAt: day('01') }, day('01'))], { expectedRevision: 'no_stream' });
  await t.eventStore.append(`influencer-other.zed`, [ev('InfluencerRegistered', { influencerId: 'zed', name: 'Zed', email: 'zed@example.com', customerRefs: [], registeredAt: day('01') }, day('01'), 'other')], { expectedRevision: 'no_stream' });
  const results = await t.eventStore.appendMany(Object.entries(HISTORY).map(([id, events]) => ({ stream: `earning-${ORG}.${id}`, expectedRevision: 'no_stream' as const, events })));
  lastPosition = `${results.at(-1)!.position.commit}-${results.at(-1)!.position.prepare}`;
  await t.waitForProjections(lastPosition);
});
afterAll(() => t.close());

describe('audit/ledger-as-of', () => {
  it.each(['2026-02-28T00:00:00Z', day('06'), day('13'), day('16'), day('21'), day('23'), day('31')])('at %s equals the independent fold', async (asOf) => {
    const answer = await post('audit/ledger-as-of', { influencerId: 'ada', asOf });
    const expected = expectedAsOf(new Date(asOf).toISOString());
    expect(answer.earnings.map((e: { earningId: string }) => e.earningId)).toEqual([...expected.keys()]);
    for (const item of answer.earnings) {
      const x = expected.get(item.earningId)!;
      expect(item).toMatchObject({ state: x.state, amount: eur(x.amount), pending: eur(x.pending), held: eur(x.held), payable: eur(x.payable), paid: eur(x.paid), clawedBack: eur(x.clawedBack) });
    }
    const sum = (k: keyof B) => [...expected.values()].reduce((n, b) => n + (b[k] as number), 0);
    expect(answer.balances).toEqual(expected.size === 0 ? [] : [{
      // As balance/get: a negative balance (clawed back after payment) is recoverable, not a negative payable.
      currency: 'EUR', accrued: eur(sum('amount')), adjustments: eur(0), pending: eur(sum('pending')), held: eur(sum('held')),
      payable: eur([...expected.values()].reduce((n, x) => n + Math.max(x.payable, 0), 0)), paid: eur(sum('paid')), clawedBack: eur(sum('clawedBack')),
      recoverable: eur([...expected.values()].reduce((n, x) => n + Math.max(-x.payable, 0), 0)), earnings: expected.size,
    }]);
  });

  it('at the end equals balance/get of the live read model', async () => {
    const live = await post('balance/get', { influencerId: 'ada' });
    const asOf = await post('audit/ledger-as-of', { influencerId: 'ada', asOf: '2026-12-31T00:00:00Z' });
    expect(asOf.balances).toEqual(live.balances);
  });

  it('CLI history prints the same as CSV', async () => {
    const out: string[] = [];
    const code = await runCli(['history', 'ada', '--org', ORG, '--as-of', day('21'), '--csv'], { DATABASE_URL: t.dbUrl, LOG_LEVEL: 'silent' }, { out: (l) => out.push(l), err: () => undefined });
    expect(code).toBe(0);
    expect(out[0]).toBe('kind,earningId,orderId,campaignId,level,state,currency,amount,pending,held,payable,paid,clawedBack,earnings');
    expect(out.slice(1)).toEqual([
      `earning,${EA},o-a,c1,1,paid,EUR,1000,0,0,0,800,200,1`,
      `earning,${EB},o-b,c1,1,payable,EUR,500,0,0,500,0,0,1`,
      'balance,,,,,,EUR,1500,0,0,500,800,200,2',
    ]);
    expect(await runCli(['history', 'ada', '--as-of', 'soon'], { DATABASE_URL: t.dbUrl }, { out: () => undefined, err: () => undefined })).toBe(2);
  });

  it('404 for an unknown or another org’s influencer, 400 naming asOf, 403 for a viewer', async () => {
    await post('audit/ledger-as-of', { influencerId: 'zed', asOf: day('31') }, 404);
    await post('audit/ledger-as-of', { influencerId: 'nobody', asOf: day('31') }, 404);
    const bad = await post('audit/ledger-as-of', { influencerId: 'ada', asOf: 'yesterday' }, 400);
    expect(bad.errors.map((e: { field: string }) => e.field)).toEqual(['asOf']);
    await post('audit/ledger-as-of', { influencerId: 'ada', asOf: day('31') }, 403, { roles: ['inf_viewer'] });
  });
});

describe('audit/events and audit/stream', () => {
  it('pages $all of the org only, with metadata, filtered by type', async () => {
    const first = await post('audit/events', { limit: 2, types: ['EarningClawedBack', 'InfluencerRegistered'] });
    expect(first.events.map((e: { type: string }) => e.type)).toEqual(['InfluencerRegistered', 'EarningClawedBack']);
    expect(first.events[0]).toMatchObject({ stream: `influencer-${ORG}.ada`, metadata: { org: ORG, actorId: 'auditor-fixture', role: 'inf_finance', correlationId: 'c-1' } });
    const rest = await post('audit/events', { fromPosition: first.nextPosition, types: ['EarningClawedBack', 'InfluencerRegistered'] });
    expect(rest.events.map((e: { type: string }) => e.type)).toEqual(['EarningClawedBack', 'EarningClawedBack']);
    expect(rest.nextPosition).toBeNull();
    const all = await post('audit/events', { limit: 500 });
    expect(all.events.every((e: { metadata: { org: string } }) => e.metadata.org === ORG)).toBe(true);
    // The fixture's own events; process managers may add theirs meanwhile (the manual hold's inbox item).
    const appended = all.events.filter((e: { stream: string }) => !e.stream.startsWith('inbox-'));
    expect(appended.length).toBe(1 + Object.values(HISTORY).flat().length);
    const bad = await post('audit/events', { fromPosition: 'start', limit: 0, types: ['no spaces'] }, 400);
    expect(bad.errors.map((e: { field: string }) => e.field).sort()).toEqual(['fromPosition', 'limit', 'types']);
    await post('audit/events', {}, 403, { roles: ['inf_viewer'] });
  });

  it('reads every stream kind of the org: earning, influencer; an org-wide name parses', async () => {
    const earning = await post('audit/stream', { stream: `earning-${ORG}.${EA}` });
    expect(earning.events.map((e: { type: string }) => e.type)).toEqual(HISTORY[EA]!.map((e) => e.type));
    expect((await post('audit/stream', { stream: `influencer-${ORG}.ada` })).events).toHaveLength(1);
    await post('audit/stream', { stream: `policy-${ORG}` }, 404); // an org-wide stream name: valid, none recorded yet
    await post('audit/stream', { stream: 'policy-other' }, 404);
  });
});

describe('audit/verify', () => {
  it('is equal after normal operation and not after a live row is tampered with', async () => {
    const all = await post('audit/verify', {});
    expect(all.equal).toBe(true);
    expect(all.projections.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['ledger_earning', 'kpi', 'audit_stream']));
    for (const p of all.projections) expect(p.live).toBe(p.rebuilt);

    await sql`update ledger_earning set source_ref = 'forged' where earning_id = ${EA}`.execute(t.db);
    const tampered = await post('audit/verify', { projection: 'ledger_earning' });
    expect(tampered).toMatchObject({ equal: false, projections: [{ name: 'ledger_earning', equal: false }] });
    expect(tampered.projections[0].live).not.toBe(tampered.projections[0].rebuilt);
    expect((await post('audit/verify', { projection: 'kpi' })).equal).toBe(true);
  });

  it('404 for an unknown projection, 400 for a bad name, 403 for finance', async () => {
    await post('audit/verify', { projection: 'nope' }, 404);
    const bad = await post('audit/verify', { projection: 'No Such' }, 400);
    expect(bad.errors.map((e: { field: string }) => e.field)).toEqual(['projection']);
    await post('audit/verify', {}, 403, { roles: ['inf_finance'] });
  });
});
