// Proves earning/adjust | reverse | make-good | import over HTTP on a fresh database with a FixedClock: new amounts and recalculated bases (recorded and current terms) shown with their history in earning/get and balance/get, the lock date (409 locked), reversals with and without referral levels, make-goods listed with kind and references, CSV and XML imports (bad rows beside good ones, duplicate re-import, 10,001 rows → 413), 400s naming fields, 403 wrong role, 404 other org.
import request from 'supertest';
import { PROGRAM_CATALOG, type ProgramCatalog } from '@ledger/attribution';
import { parsePosition } from '@ledger/event-store';
import { FixedClock } from '@ledger/kernel';
import { startTestApp, type TestApp } from '../support/app';
import { FINANCE } from '../support/ledger-api';
import { at, DAY_MS } from '../support/ledger-world';
import { EUR, LOCK_DAYS, modificationWorld, ORDERED, T0, type ModificationWorld } from '../support/modification-world';

// The shared machine may be busy: orders settle through the process manager and projections.
jest.setTimeout(120_000);
const clock = new FixedClock(new Date(T0));
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock });
}, 180_000);
afterAll(() => t?.close());

const finance = { roles: FINANCE, actorRole: 'inf_finance' as const };
const LATER = at(ORDERED, DAY_MS);

function importFile(w: ModificationWorld, body: string, type: 'text/csv' | 'application/xml') {
  return t.auth({ org: w.api.org, roles: ['inf_finance'] }).then((auth) =>
    request(t.server).post('/influencer/earning/import').set(auth).set('X-Actor-Role', 'inf_finance').set('Content-Type', type).send(body),
  );
}

describe('earning/adjust', () => {
  let w: ModificationWorld;
  beforeAll(async () => {
    w = await modificationWorld(t, clock, 'mod-adjust');
  }, 180_000);

  it('sets a new amount; earning/get shows accrued, adjustments and the history; balance/get stays conserved', async () => {
    const { level1 } = await w.order('o-1');
    clock.set(new Date(LATER));
    const answer = await w.api.command('earning/adjust', { earningId: level1.earningId, amount: { amount: 800, currency: EUR }, reasonCode: 'wrong_commission', note: 'partial order' }, finance);
    expect(answer).toMatchObject({ id: level1.earningId, kind: 'commission', state: 'held', amount: { amount: 800, currency: EUR }, accrued: { amount: 1_000 }, adjustments: { amount: -200 }, applied: true });
    const detail = await w.api.earning(level1.earningId, answer.position);
    expect(detail).toMatchObject({ kind: 'commission', amount: { amount: 800 }, accrued: { amount: 1_000 }, adjustments: { amount: -200 }, buckets: { held: { amount: 800 } } });
    expect(detail.adjustmentHistory).toEqual([
      expect.objectContaining({ previousAmount: { amount: 1_000, currency: EUR }, amount: { amount: 800, currency: EUR }, delta: { amount: -200, currency: EUR }, applyCurrentTerms: false, rulesVersion: 1, reasonCode: 'wrong_commission', note: 'partial order', actorId: 'manager-mia', role: 'inf_finance', at: LATER }),
    ]);
    expect(detail.transitions.at(-1)).toMatchObject({ type: 'EarningAdjusted', amount: { amount: -200 }, reasonCode: 'wrong_commission' });
    const balance = (await w.api.query('balance/get', { influencerId: w.influencerId }, answer.position)).balances.find((b: any) => b.currency === EUR);
    expect(balance.accrued.amount + balance.adjustments.amount).toBe(balance.pending.amount + balance.held.amount + balance.payable.amount + balance.paid.amount + balance.clawedBack.amount);
    expect(balance.adjustments.amount).toBe(-200);
  });

  it("recalculates a corrected base with the recorded rules version, or with today's terms when asked (recorded as such)", async () => {
    const { level1 } = await w.order('o-2');
    const update = await w.api.command('campaign/update', { campaignId: w.campaignId, earnings: { type: 'percent', rateBps: 1_500 } }, { roles: ['inf_campaign_manager'] });
    // On a busy cluster the update may answer before $all shows it to the catalog (its own wait is bounded): wait here.
    expect(await t.app.get<ProgramCatalog>(PROGRAM_CATALOG).waitFor(parsePosition(update.position!)!, 60_000)).toBe(true);
    clock.set(new Date(LATER));
    const recorded = await w.api.command('earning/adjust', { earningId: level1.earningId, commissionBase: 12_000, reasonCode: 'base_corrected' }, finance);
    expect(recorded).toMatchObject({ amount: { amount: 1_200 }, rulesVersion: 1 });
    const current = await w.api.command('earning/adjust', { earningId: level1.earningId, commissionBase: 12_000, applyCurrentTerms: true, reasonCode: 'base_corrected' }, finance);
    expect(current).toMatchObject({ amount: { amount: 1_800 }, rulesVersion: 2 });
    const detail = await w.api.earning(level1.earningId, current.position);
    expect(detail.adjustmentHistory.map((a: any) => [a.amount.amount, a.commissionBase, a.applyCurrentTerms, a.rulesVersion])).toEqual([[1_200, 12_000, false, 1], [1_800, 12_000, true, 2]]);
    await w.api.command('campaign/update', { campaignId: w.campaignId, earnings: { type: 'percent', rateBps: 1_000 } }, { roles: ['inf_campaign_manager'] });
  });

  it('refuses bad input with 400 naming the fields, another currency, a wrong role (403) and another org (404)', async () => {
    const { level1 } = await w.order('o-3');
    const bad = await w.api.raw('earning/adjust', { earningId: 'nope', amount: { amount: 1.5, currency: 'EURO' }, extra: 1 }, finance);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.field)).toEqual(expect.arrayContaining(['earningId', 'amount.amount', 'amount.currency', 'reasonCode', 'extra']));
    const both = await w.api.raw('earning/adjust', { earningId: level1.earningId, amount: { amount: 5, currency: EUR }, commissionBase: 5, reasonCode: 'x' }, finance);
    expect(both.status).toBe(400);
    expect(both.body.errors.map((e: any) => e.field)).toEqual(['amount', 'commissionBase']);
    const usd = await w.api.raw('earning/adjust', { earningId: level1.earningId, amount: { amount: 500, currency: 'USD' }, reasonCode: 'x' }, finance);
    expect(usd.status).toBe(400);
    expect(usd.body.errors).toEqual([{ field: 'amount.currency', problem: expect.stringContaining('EUR') }]);
    const viewer = await w.api.raw('earning/adjust', { earningId: level1.earningId, amount: { amount: 500, currency: EUR }, reasonCode: 'x' }, { roles: ['inf_viewer'], actorRole: 'inf_viewer' });
    expect(viewer.status).toBe(403);
    const elsewhere = await w.api.raw('earning/adjust', { earningId: level1.earningId, amount: { amount: 500, currency: EUR }, reasonCode: 'x' }, finance);
    expect(elsewhere.status).toBe(200);
    const otherOrg = await t.auth({ org: 'mod-other', roles: ['inf_finance'] }).then((auth) =>
      request(t.server).post('/influencer/earning/adjust').set(auth).set('X-Actor-Role', 'inf_finance').send({ earningId: level1.earningId, amount: { amount: 400, currency: EUR }, reasonCode: 'x' }),
    );
    expect(otherOrg.status).toBe(404);
  });

  it('is locked at occurredAt + lockDays (409 locked); a make-good is the correction left, listed with its kind and references', async () => {
    const { level1 } = await w.order('o-4');
    clock.set(new Date(at(ORDERED, LOCK_DAYS * DAY_MS - 1)));
    expect((await w.api.raw('earning/adjust', { earningId: level1.earningId, amount: { amount: 900, currency: EUR }, reasonCode: 'last_minute' }, finance)).status).toBe(200);
    clock.set(new Date(at(ORDERED, LOCK_DAYS * DAY_MS)));
    const locked = await w.api.raw('earning/adjust', { earningId: level1.earningId, amount: { amount: 800, currency: EUR }, reasonCode: 'too_late' }, finance);
    expect(locked.status).toBe(409);
    expect(locked.body).toMatchObject({ code: 'locked' });
    expect((await w.api.raw('earning/reverse', { earningId: level1.earningId, reasonCode: 'too_late' }, finance)).body).toMatchObject({ status: 409, code: 'locked' });

    const good = await w.api.command('earning/make-good', { influencerId: w.influencerId, campaignId: w.campaignId, amount: { amount: 150, currency: EUR }, reasonCode: 'locked_correction', earningId: level1.earningId }, finance);
    expect(good).toMatchObject({ kind: 'make_good', state: 'payable', amount: { amount: 150 }, influencerId: w.influencerId, orderId: 'o-4', applied: true });
    const listed = await w.api.earnings({ orderId: 'o-4' }, good.position);
    expect(listed.map((e: any) => e.kind).sort()).toEqual(['commission', 'commission', 'make_good']);
    expect(listed.find((e: any) => e.kind === 'make_good')).toMatchObject({ earningId: good.id, state: 'payable', references: [{ kind: 'original_earning', id: level1.earningId }] });
    const makeGoods = await w.api.query('earning/list', { influencerId: w.influencerId, kind: 'make_good' }, good.position);
    expect(makeGoods.items.map((e: any) => e.earningId)).toEqual([good.id]);
    const unknown = await w.api.raw('earning/make-good', { influencerId: 'nobody', campaignId: w.campaignId, amount: { amount: 150, currency: EUR }, reasonCode: 'x' }, finance);
    expect(unknown.status).toBe(404);
  });
});

describe('earning/reverse', () => {
  let w: ModificationWorld;
  beforeAll(async () => {
    w = await modificationWorld(t, clock, 'mod-reverse');
  }, 180_000);

  it('claws back with reference kind reversal; the referral level stays unless asked', async () => {
    const first = await w.order('o-1');
    expect(first.level2).toBeDefined();
    clock.set(new Date(LATER));
    const reversed = await w.api.command('earning/reverse', { earningId: first.level1.earningId, reasonCode: 'order_void', note: 'phone cancel' }, finance);
    expect(reversed).toMatchObject({ state: 'clawed_back', clawedBack: { amount: 1_000 }, referralLevelsReversed: [] });
    const items = await w.api.earnings({ orderId: 'o-1' }, reversed.position);
    expect(items.find((e) => e.level === 1)).toMatchObject({ state: 'clawed_back', references: expect.arrayContaining([expect.objectContaining({ kind: 'reversal', amount: 1_000 })]) });
    expect(items.find((e) => e.level === 2)).toMatchObject({ state: 'held' });
    // Reversed is reversed: 409, nothing appended.
    expect((await w.api.raw('earning/reverse', { earningId: first.level1.earningId, reasonCode: 'again' }, finance)).status).toBe(409);

    clock.set(new Date(ORDERED));
    const second = await w.order('o-2');
    clock.set(new Date(LATER));
    const both = await w.api.command('earning/reverse', { earningId: second.level1.earningId, reasonCode: 'order_void', includeReferralLevels: true }, finance);
    expect(both.referralLevelsReversed).toEqual([second.level2!.earningId]);
    const after = await w.api.earnings({ orderId: 'o-2' }, both.position);
    expect(after.map((e) => e.state)).toEqual(['clawed_back', 'clawed_back']);
  });
});

describe('earning/import', () => {
  let w: ModificationWorld;
  let ids: { a: string; b: string; c: string };
  beforeAll(async () => {
    w = await modificationWorld(t, clock, 'mod-import');
    ids = { a: (await w.order('o-a')).level1.earningId, b: (await w.order('o-b')).level1.earningId, c: (await w.order('o-c')).level1.earningId };
    clock.set(new Date(LATER));
  }, 180_000);

  it('applies good CSV rows beside bad ones, a result per row; re-importing applies nothing twice and rejects the bad rows again', async () => {
    const csv = [
      'action,earningId,orderId,level,amount,commissionBase,currency,reasonCode,note,modificationId',
      `adjust,${ids.a},,,700,,EUR,price_fix,"from the shop, corrected",`,
      'frobnicate,,,,,,,x,,',
      `reverse,,o-b,1,,,,returned_offline,,rev-b`,
      `adjust,${ids.c},,,700,,USD,wrong_currency,,`,
      `make_good,${ids.a},,,50,,EUR,goodwill,,`,
      `reverse,00000000-0000-4000-8000-000000000000,,,,,,unknown,,`,
    ].join('\n');
    const first = await importFile(w, csv, 'text/csv');
    expect(first.status).toBe(200);
    expect(first.body.rows.map((r: any) => [r.row, r.status, r.error?.code])).toEqual([
      [1, 'applied', undefined],
      [2, 'rejected', 'VALIDATION_FAILED'],
      [3, 'applied', undefined],
      [4, 'rejected', 'VALIDATION_FAILED'],
      [5, 'applied', undefined],
      [6, 'rejected', 'LEDGER.EARNING_NOT_FOUND'],
    ]);
    expect(first.body).toMatchObject({ applied: 3, duplicates: 0, rejected: 3 });
    expect(first.body.rows[1].error.errors.map((e: any) => e.field)).toEqual(['action', 'earningId']);
    const again = await importFile(w, csv, 'text/csv');
    expect(again.body.rows.map((r: any) => r.status)).toEqual(['duplicate', 'rejected', 'duplicate', 'rejected', 'duplicate', 'rejected']);
    expect(again.body).toMatchObject({ applied: 0, duplicates: 3, rejected: 3 });
    const a = await w.api.earning(ids.a, again.body.position);
    expect(a).toMatchObject({ amount: { amount: 700 }, adjustments: { amount: -300 } });
    expect((await w.api.earning(ids.b, again.body.position)).state).toBe('clawed_back');
    expect((await w.api.earnings({ orderId: 'o-a' }, again.body.position)).filter((e: any) => e.kind === 'make_good')).toHaveLength(1);
  });

  it('takes XML with the same attributes, and its re-import is all duplicates', async () => {
    const xml = `<?xml version="1.0"?><modifications>
      <modification action="adjust" earningId="${ids.c}" amount="650" currency="EUR" reasonCode="xml_fix" modificationId="xml-1"/>
      <modification action="reverse" reasonCode="missing_earning"/>
    </modifications>`;
    const first = await importFile(w, xml, 'application/xml');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ applied: 1, duplicates: 0, rejected: 1, rows: [{ row: 1, status: 'applied', earningId: ids.c, modificationId: 'xml-1' }, { row: 2, status: 'rejected' }] });
    const again = await importFile(w, xml, 'application/xml');
    expect(again.body).toMatchObject({ applied: 0, duplicates: 1, rejected: 1 });
    expect((await w.api.earning(ids.c, again.body.position)).amount.amount).toBe(650);
  });

  it('refuses an unreadable file whole (400), 10,001 rows (413), a wrong role (403)', async () => {
    expect((await importFile(w, '<modifications><modification', 'application/xml')).status).toBe(400);
    const header = await importFile(w, 'action,bogus\nadjust,1', 'text/csv');
    expect(header.status).toBe(400);
    expect(header.body.errors.map((e: any) => e.field)).toEqual(['header.bogus', 'header.reasonCode']);
    const rows = ['action,earningId,amount,currency,reasonCode', ...Array.from({ length: 10_001 }, () => `adjust,${ids.a},1,EUR,bulk`)].join('\n');
    const tooMany = await importFile(w, rows, 'text/csv');
    expect(tooMany.status).toBe(413);
    expect(tooMany.headers['content-type']).toMatch(/problem\+json/);
    const viewer = await t.auth({ org: w.api.org, roles: ['inf_viewer'] }).then((auth) =>
      request(t.server).post('/influencer/earning/import').set(auth).set('X-Actor-Role', 'inf_viewer').set('Content-Type', 'text/csv').send('action,reasonCode\n'),
    );
    expect(viewer.status).toBe(403);
    // Nothing of the refused files was applied.
    expect((await w.api.earning(ids.a)).amount.amount).toBe(700);
  });
});
