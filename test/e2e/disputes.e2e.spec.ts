// Proves disputes over HTTP on a fresh database with a FixedClock: a partner opens a dispute on its own earning and the earning is held (kind dispute); staff review and resolve it by adjustment (new amount, hold released) or by re-attribution (reversal + make-good for the other influencer, one history referencing the dispute); withdraw by anyone but the opener is 403; a partner sees and acts on its own disputes only (404 otherwise); deadlines show as overdue; bad input is 400 naming fields, wrong roles 403, other orgs 404, wrong states 409.
import request from 'supertest';
import { FixedClock } from '@ledger/kernel';
import { startTestApp, type TestApp } from '../support/app';
import { at, DAY_MS } from '../support/ledger-world';
import { EUR, modificationWorld, ORDERED, T0, type ModificationWorld } from '../support/modification-world';

// The shared machine may be busy: orders settle through the process manager and projections.
jest.setTimeout(120_000);
const clock = new FixedClock(new Date(T0));
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock });
}, 180_000);
afterAll(() => t?.close());

const LATER = at(ORDERED, DAY_MS);

/** A POST; a read that waited past the server's bound for the projections (503 CONSISTENCY_TIMEOUT on a busy machine) is asked again, as the contract says. */
async function call(org: string, path: string, body: unknown, who: { sub: string; roles: string[]; actingRole?: string }, position?: string | null) {
  const auth = await t.auth({ org, sub: who.sub, roles: who.roles });
  for (let attempt = 0; ; attempt++) {
    let req = request(t.server).post(`/influencer/${path}`).set(auth);
    if (who.actingRole) req = req.set('X-Actor-Role', who.actingRole);
    if (position) req = req.set('X-Consistency-Position', position);
    const res = await req.send(body as object);
    if (res.status !== 503 || res.body?.code !== 'CONSISTENCY_TIMEOUT' || attempt >= 5) return res;
  }
}

const finance = { sub: 'fiona', roles: ['inf_finance'], actingRole: 'inf_finance' };
const partner = (w: ModificationWorld) => ({ sub: w.influencerId, roles: ['inf_partner'] });

describe('disputes', () => {
  let w: ModificationWorld;
  beforeAll(async () => {
    w = await modificationWorld(t, clock, 'dsp');
  }, 180_000);

  it('a partner opens a dispute on its earning → held; staff review and resolve by adjustment → the new amount, the hold released', async () => {
    const { level1 } = await w.order('o-adjust');
    clock.set(new Date(LATER));
    const opened = await call('dsp', 'dispute/open', {
      subject: { kind: 'earning', id: level1.earningId }, reasonCode: 'wrong_amount', description: 'The order was 120 EUR',
      evidence: [{ name: 'receipt.pdf', mediaType: 'application/pdf', url: 'https://files.example/receipt.pdf', size: 1_234 }], respondBy: at(LATER, 7 * DAY_MS),
    }, partner(w));
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ state: 'open', influencerId: w.influencerId, earningId: level1.earningId, held: true, openedBy: w.influencerId });
    const held = await w.api.earning(level1.earningId, opened.body.position);
    expect(held).toMatchObject({ state: 'held', hold: { kind: 'dispute', reasonCode: 'dispute_opened' } });

    // Resolving before the review is a state conflict; partners do not review.
    expect((await call('dsp', 'dispute/resolve', { disputeId: opened.body.id, resolution: { kind: 'no_change' }, note: 'x' }, finance)).status).toBe(409);
    expect((await call('dsp', 'dispute/review', { disputeId: opened.body.id }, { ...partner(w), actingRole: 'inf_partner' })).status).toBe(403);
    const review = await call('dsp', 'dispute/review', { disputeId: opened.body.id }, finance);
    expect(review.body).toMatchObject({ state: 'under_review' });
    const resolved = await call('dsp', 'dispute/resolve', { disputeId: opened.body.id, resolution: { kind: 'adjust', amount: { amount: 1_200, currency: EUR } }, note: 'receipt checked' }, finance);
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ state: 'resolved', resolution: { kind: 'adjust', amount: { amount: 1_200, currency: EUR } } });

    const after = await w.api.earning(level1.earningId, resolved.body.position);
    expect(after).toMatchObject({ state: 'payable', hold: null, amount: { amount: 1_200 }, adjustments: { amount: 200 } });
    expect(after.adjustmentHistory).toEqual([expect.objectContaining({ disputeId: opened.body.id, reasonCode: 'dispute_resolved', note: 'receipt checked', role: 'inf_finance' })]);
    expect(after.references).toEqual(expect.arrayContaining([{ kind: 'dispute', id: opened.body.id }]));
    expect(after.transitions.map((x: any) => [x.type, x.holdKind, x.reasonCode])).toEqual(expect.arrayContaining([['HoldPlaced', 'dispute', 'dispute_opened'], ['HoldReleased', 'dispute', 'dispute_resolved'], ['EarningAdjusted', null, 'dispute_resolved']]));

    const detail = await call('dsp', 'dispute/get', { disputeId: opened.body.id }, partner(w), resolved.body.position);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ state: 'resolved', evidence: [{ name: 'receipt.pdf', size: 1_234 }], respondBy: at(LATER, 7 * DAY_MS), overdue: false, resolution: { kind: 'adjust', modificationIds: [`dispute:${opened.body.id}`] } });
    expect(detail.body.history.map((h: any) => h.type)).toEqual(['DisputeOpened', 'DisputeReviewStarted', 'DisputeResolved']);
  });

  it('resolve by reassign: the earning is reversed and a make-good goes to the other influencer, both referencing the dispute', async () => {
    const { level1 } = await w.order('o-reassign');
    clock.set(new Date(LATER));
    const opened = await call('dsp', 'dispute/open', { subject: { kind: 'attribution', id: 'o-reassign' }, reasonCode: 'wrong_influencer', description: 'Bo brought this customer' }, finance);
    expect(opened.body).toMatchObject({ earningId: level1.earningId, influencerId: w.influencerId, held: true });
    await call('dsp', 'dispute/review', { disputeId: opened.body.id }, finance);
    const resolved = await call('dsp', 'dispute/resolve', { disputeId: opened.body.id, resolution: { kind: 'reassign', influencerId: w.otherId }, note: 'touch log shows Bo' }, finance);
    expect(resolved.status).toBe(200);
    const items = await w.api.earnings({ orderId: 'o-reassign' }, resolved.body.position);
    const original = items.find((e: any) => e.earningId === level1.earningId)!;
    expect(original).toMatchObject({ state: 'clawed_back', references: expect.arrayContaining([{ kind: 'reversal', id: `dispute:${opened.body.id}`, amount: 1_000 }]) });
    const made = items.find((e: any) => e.kind === 'make_good')!;
    expect(made).toMatchObject({ influencerId: w.otherId, state: 'payable', amount: { amount: 1_000, currency: EUR }, references: [{ kind: 'original_earning', id: level1.earningId }, { kind: 'dispute', id: opened.body.id }] });
    const balances = await w.api.query('balance/get', { influencerId: w.otherId }, resolved.body.position);
    expect(balances.balances).toEqual([expect.objectContaining({ currency: EUR, payable: { amount: 1_000, currency: EUR } })]);
  });

  it('only the opener withdraws (403 for another actor); withdrawing releases the hold', async () => {
    const { level1 } = await w.order('o-withdraw');
    clock.set(new Date(LATER));
    const opened = await call('dsp', 'dispute/open', { subject: { kind: 'earning', id: level1.earningId }, reasonCode: 'mistake', description: 'wrong order' }, partner(w));
    const byFinance = await call('dsp', 'dispute/withdraw', { disputeId: opened.body.id }, finance);
    expect(byFinance.status).toBe(403);
    expect(byFinance.body).toMatchObject({ code: 'DISPUTE.NOT_THE_OPENER' });
    const withdrawn = await call('dsp', 'dispute/withdraw', { disputeId: opened.body.id, reasonCode: 'my_mistake' }, partner(w));
    expect(withdrawn.body).toMatchObject({ state: 'withdrawn' });
    expect(await w.api.earning(level1.earningId, withdrawn.body.position)).toMatchObject({ state: 'payable', hold: null });
    expect((await call('dsp', 'dispute/withdraw', { disputeId: opened.body.id }, partner(w))).status).toBe(409);
  });

  it('a partner sees and acts on its own disputes only; staff see all; deadlines past show overdue', async () => {
    const { level1 } = await w.order('o-mine');
    clock.set(new Date(LATER));
    const mine = await call('dsp', 'dispute/open', { subject: { kind: 'earning', id: level1.earningId }, reasonCode: 'late', description: 'x', respondBy: at(LATER, DAY_MS) }, partner(w));
    const stranger = { sub: w.otherId, roles: ['inf_partner'] };
    expect((await call('dsp', 'dispute/open', { subject: { kind: 'earning', id: level1.earningId }, reasonCode: 'mine', description: 'x' }, stranger)).status).toBe(404);
    expect((await call('dsp', 'dispute/get', { disputeId: mine.body.id }, stranger, mine.body.position)).status).toBe(404);
    expect((await call('dsp', 'dispute/withdraw', { disputeId: mine.body.id }, stranger)).status).toBe(404);
    const theirs = await call('dsp', 'dispute/list', {}, stranger, mine.body.position);
    expect(theirs.body.items.filter((d: any) => d.influencerId !== w.otherId)).toEqual([]);
    const own = await call('dsp', 'dispute/list', { subjectId: level1.earningId }, partner(w), mine.body.position);
    expect(own.body.items.map((d: any) => [d.id, d.overdue])).toEqual([[mine.body.id, false]]);
    clock.set(new Date(at(LATER, 2 * DAY_MS)));
    const staff = await call('dsp', 'dispute/list', { state: 'open' }, { sub: 'owner', roles: ['inf_owner'] }, mine.body.position);
    expect(staff.body.items.find((d: any) => d.id === mine.body.id)).toMatchObject({ overdue: true, respondBy: at(LATER, DAY_MS) });
    // Another org knows none of it.
    expect((await call('dsp-other', 'dispute/get', { disputeId: mine.body.id }, { sub: 'owner', roles: ['inf_owner'] })).status).toBe(404);
    expect((await call('dsp-other', 'dispute/open', { subject: { kind: 'earning', id: level1.earningId }, reasonCode: 'x', description: 'x' }, { sub: 'owner', roles: ['inf_owner'] })).status).toBe(404);
  });

  it('refuses bad input with 400 naming the fields, and roles that may not dispute (403)', async () => {
    const bad = await call('dsp', 'dispute/open', { subject: { kind: 'order', id: '' }, reasonCode: 'x', evidence: [{ url: 'not a url' }], respondBy: 'tomorrow', extra: true }, finance);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.field)).toEqual(expect.arrayContaining(['subject.kind', 'subject.id', 'description', 'evidence[0].name', 'evidence[0].url', 'respondBy', 'extra']));
    const viewer = await call('dsp', 'dispute/open', { subject: { kind: 'earning', id: '00000000-0000-4000-8000-000000000000' }, reasonCode: 'x', description: 'x' }, { sub: 'v', roles: ['inf_viewer'] });
    expect(viewer.status).toBe(403);
    const badResolution = await call('dsp', 'dispute/resolve', { disputeId: '00000000-0000-4000-8000-000000000000', resolution: { kind: 'refund' }, note: '' }, finance);
    expect(badResolution.status).toBe(400);
    expect(badResolution.body.errors.map((e: any) => e.field)).toEqual(expect.arrayContaining(['resolution.kind', 'note']));
  });
});
