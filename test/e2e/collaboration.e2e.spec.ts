// Proves applications, comments and the inbox over real HTTP on a fresh database with a FixedClock: the public
// application form without a token (intake fields validate it, 400 naming each field, 429 + Retry-After past the
// per-address and per-org bounds, an unknown org or campaign the same 404), approval making the profile active and
// its code valid for code/apply in the very next request, reject, bulk review replayed (same results, nothing
// appended), comment threads with revision history, status and reports, and inbox items created by a manual hold
// for finance, with their status and state; other orgs see 404, wrong roles 403.
import { Global, Module } from '@nestjs/common';
import { setTimeout as delay } from 'node:timers/promises';
import { sql } from 'kysely';
import request from 'supertest';
import { PROGRAM_CATALOG, type ProgramCatalog } from '@ledger/attribution';
import { parsePosition } from '@ledger/event-store';
import { APPLICATION_SUBMIT_RATE_BOUNDS, type ApplicationSubmitRateBounds } from '@ledger/programs';
import { FixedClock, randomId } from '@ledger/kernel';
import { startTestApp, type TestApp } from '../support/app';
import { LAST_TOUCH_TEN_PERCENT, LedgerApi, type ScmFact } from '../support/ledger-api';
import { at, HOUR_MS } from '../support/ledger-world';
import { settle } from '../support/settle';

const T0 = '2026-03-02T09:00:00.000Z';
const clock = new FixedClock(new Date(T0));
const BOUNDS: ApplicationSubmitRateBounds = { perIp: { burst: 3, perMinute: 1, maxKeys: 1_000 }, perOrg: { burst: 10, perMinute: 1, maxKeys: 1_000 } };

@Global()
@Module({ providers: [{ provide: APPLICATION_SUBMIT_RATE_BOUNDS, useValue: BOUNDS }], exports: [APPLICATION_SUBMIT_RATE_BOUNDS] })
class SmallSubmitBoundsModule {}

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock, modules: [SmallSubmitBoundsModule], env: { TRUST_PROXY: 'loopback' } });
}, 120_000);
afterAll(() => t?.close());
beforeEach(() => clock.set(new Date(T0)));

let nextIp = 1;
/** Each call from its own client address unless one is given: only the rate-limit test spends one address's burst. */
function submit(body: Record<string, unknown>, ip = `198.51.100.${nextIp++}`) {
  return request(t.server).post('/influencer/application/submit').set('X-Forwarded-For', ip).send(body);
}

function post(path: string, org: string, body: unknown, roles: string[] = ['inf_campaign_manager'], sub = 'manager-mia') {
  return t.auth({ org, roles, sub }).then((auth) => request(t.server).post(`/influencer/${path}`).set(auth).send(body as object));
}

/**
 * A query that reads its own write (X-Consistency-Position). On a loaded host the server's bounded wait can end in
 * 503 CONSISTENCY_TIMEOUT; as the contract tells clients to, it is retried after Retry-After (at most 3 times).
 */
async function readAfter(position: string, org: string, path: string, body: unknown, roles: string[] = ['inf_viewer']): Promise<request.Response> {
  for (let attempt = 0; ; attempt++) {
    const res = await request(t.server).post(`/influencer/${path}`).set(await t.auth({ org, roles })).set('X-Consistency-Position', position).send(body as object);
    if (res.status !== 503 || res.body?.code !== 'CONSISTENCY_TIMEOUT' || attempt >= 3) return res;
    await delay(1_000 * Math.min(5, Number(res.headers['retry-after'] ?? 1) || 1));
  }
}

const fields = (res: request.Response) => (res.body.errors ?? []).map((e: { field: string }) => e.field).sort();
// Counted in the store's table: a $all read right after a write may not show it yet (it waits for older transactions).
const eventCount = async () => Number((await sql<{ n: string }>`select count(*)::text as n from es_event`.execute(t.db)).rows[0]!.n);

const INTAKE = [
  { name: 'instagram', type: 'url', required: true },
  { name: 'audienceSize', type: 'number', required: true },
  { name: 'niche', type: 'text', required: false },
];

/** `intakeFields` null: a campaign that configures none. */
async function campaignWithIntake(org: string, intakeFields: unknown[] | null = INTAKE): Promise<string> {
  const api = new LedgerApi(t, org, 'manager-mia');
  const created = await api.command('campaign/create', { ...LAST_TOUCH_TEN_PERCENT, ...(intakeFields === null ? {} : { intakeFields }) }, { roles: ['inf_campaign_manager'] });
  await api.command('campaign/activate', { campaignId: created.id }, { roles: ['inf_campaign_manager'] });
  return created.id as string;
}

const anna = (org: string, campaignId: string, email = 'anna@example.com') => ({
  org, campaignId, name: 'Anna Example', email, fields: { instagram: 'https://instagram.com/anna', audienceSize: 12_000 },
});

describe('applications', () => {
  it('campaign intakeFields are validated on create and update', async () => {
    const res = await post('campaign/create', 'app-cfg', { ...LAST_TOUCH_TEN_PERCENT, intakeFields: [{ name: '1bad', type: 'phone', required: 'yes' }, { name: 'x', type: 'text', required: true }, { name: 'x', type: 'url', required: false }] });
    expect(res.status).toBe(400);
    expect(fields(res)).toEqual(expect.arrayContaining(['intakeFields[0].required', 'intakeFields[0].type']));
    const created = await post('campaign/create', 'app-cfg', LAST_TOUCH_TEN_PERCENT);
    const dup = await post('campaign/update', 'app-cfg', { campaignId: created.body.id, intakeFields: [{ name: 'x', type: 'text', required: true }, { name: 'x', type: 'url', required: false }] });
    expect(dup.status).toBe(400);
    expect(fields(dup)).toEqual(['intakeFields[1].name']);
    const ok = await post('campaign/update', 'app-cfg', { campaignId: created.body.id, intakeFields: INTAKE });
    expect(ok.status).toBe(200);
  });

  it('public submit: no token; the intake fields validate it; {} when none configured; unknown org/campaign the same 404', async () => {
    const campaignId = await campaignWithIntake('app-pub');
    // The public form says what to send.
    const form = await request(t.server).post('/influencer/application/form').set('X-Forwarded-For', `198.51.100.${nextIp++}`).send({ org: 'app-pub', campaignId });
    expect(form.status).toBe(200);
    expect(form.body).toEqual({ campaignId, name: LAST_TOUCH_TEN_PERCENT.name, intakeFields: INTAKE });
    const noForm = await request(t.server).post('/influencer/application/form').set('X-Forwarded-For', `198.51.100.${nextIp++}`).send({ org: 'app-nobody', campaignId });
    expect([noForm.status, noForm.body.code]).toEqual([404, 'APPLICATION.CAMPAIGN_NOT_FOUND']);
    const res = await submit(anna('app-pub', campaignId));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: expect.any(String), status: 'applied' });
    // The same form again is the same application; another form for the same email a 409.
    const again = await submit(anna('app-pub', campaignId));
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(res.body.id);
    const other = await submit({ ...anna('app-pub', campaignId), fields: { instagram: 'https://instagram.com/other', audienceSize: 1 } });
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('APPLICATION.ALREADY_SUBMITTED');

    const before = await eventCount();
    const bad = await submit({ org: 'app-pub', campaignId, name: 'Bob', email: 'bob@example.com', fields: { instagram: 'not a url', audienceSize: 'many', hobby: 'golf' } });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(fields(bad)).toEqual(['fields.audienceSize', 'fields.hobby', 'fields.instagram']);
    const missing = await submit({ org: 'app-pub', campaignId, name: 'Bob', email: 'bob@example.com', fields: {} });
    expect(fields(missing)).toEqual(['fields.audienceSize', 'fields.instagram']);
    const shape = await submit({ org: 'no such org!', campaignId, name: '', email: 5, extra: 1 });
    expect(shape.status).toBe(400);
    expect(fields(shape)).toEqual(expect.arrayContaining(['org', 'name', 'email', 'fields', 'extra']));
    expect(await eventCount()).toBe(before);

    const plain = await campaignWithIntake('app-pub', null);
    const none = await submit({ ...anna('app-pub', plain), fields: {} });
    expect([none.status, none.body.errors]).toEqual([201, undefined]);

    const unknownCampaign = await submit(anna('app-pub', 'nope'));
    const unknownOrg = await submit(anna('app-nobody', campaignId));
    for (const r of [unknownCampaign, unknownOrg]) {
      expect(r.status).toBe(404);
      expect(r.body.code).toBe('APPLICATION.CAMPAIGN_NOT_FOUND');
    }
    expect(unknownCampaign.body.detail).toBe(unknownOrg.body.detail);
  });

  it('rate-limits per client address and per org: 429 problem+json with Retry-After, nothing appended', async () => {
    const campaignId = await campaignWithIntake('app-rate');
    const ip = '203.0.113.7';
    for (let i = 0; i < 3; i++) expect((await submit(anna('app-rate', campaignId, `a${i}@example.com`), ip)).status).toBe(201);
    const before = await eventCount();
    const limited = await submit(anna('app-rate', campaignId, 'a9@example.com'), ip);
    expect(limited.status).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.body.code).toBe('APPLICATION.RATE_LIMITED');
    expect(limited.headers['retry-after']).toBe('60');
    // The org's own bound (10: three spent above; a request refused by its address spends none) from other addresses.
    for (const who of ['b1', 'b2', 'b3', 'b4', 'b5', 'b6', 'b7']) expect((await submit(anna('app-rate', campaignId, `${who}@example.com`))).status).toBe(201);
    const orgLimited = await submit(anna('app-rate', campaignId, 'b8@example.com'));
    expect(orgLimited.status).toBe(429);
    expect(orgLimited.headers['retry-after']).toBeDefined();
    expect(await eventCount()).toBe(before + 7);
    // Time refills the buckets.
    clock.set(new Date(at(T0, HOUR_MS)));
    expect((await submit(anna('app-rate', campaignId, 'a9@example.com'), ip)).status).toBe(201);
  });

  it('approve: the profile is active and its code valid for code/apply right after the answer; list, get, reject', async () => {
    const org = 'app-flow';
    const campaignId = await campaignWithIntake(org);
    const applied = (await submit(anna(org, campaignId))).body;
    const bob = (await submit({ ...anna(org, campaignId, 'bob@example.com'), name: 'Bob' })).body;

    const listed = await readAfter(bob.position, org, 'application/list', { status: 'applied', campaignId }, ['inf_owner']);
    expect(listed.body.items.map((i: { id: string }) => i.id).sort()).toEqual([applied.id, bob.id].sort());
    expect(listed.body.items.find((i: { id: string }) => i.id === applied.id)).toMatchObject({ name: 'Anna Example', email: 'anna@example.com', fields: { instagram: 'https://instagram.com/anna', audienceSize: 12_000 }, status: 'applied' });

    const approved = await post('application/approve', org, { applicationId: applied.id, code: 'anna10', kind: 'coupon' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ id: applied.id, status: 'approved', code: 'ANNA10', influencerId: expect.any(String) });
    // The very next request: no consistency header, no wait.
    const apply = await post('code/apply', org, { code: 'ANNA10', channel: 'ecommerce', customerRef: 'cust-1', subtotal: { amount: 5_000, currency: 'EUR' } }, ['inf_viewer']);
    // Asserted at the end, so that the rest is checked too should the catalog's bounded own-write wait run out on a loaded host.
    const profile = await readAfter(approved.body.position, org, 'profile/get', { influencerId: approved.body.influencerId });
    expect(profile.body).toMatchObject({ status: 'active', name: 'Anna Example', email: 'anna@example.com' });

    // Approving again answers the same and appends nothing; rejecting it now is a 409.
    const before = await eventCount();
    const again = await post('application/approve', org, { applicationId: applied.id });
    expect(again.body).toMatchObject({ status: 'approved', code: 'ANNA10', influencerId: approved.body.influencerId });
    expect(await eventCount()).toBe(before);
    const conflict = await post('application/reject', org, { applicationId: applied.id, reasonCode: 'changed_mind' });
    expect(conflict.status).toBe(409);
    expect(conflict.body.code).toBe('APPLICATION.ALREADY_DECIDED');

    const rejected = await post('application/reject', org, { applicationId: bob.id, reasonCode: 'audience_mismatch', note: 'too small' });
    expect(rejected.body).toMatchObject({ id: bob.id, status: 'rejected' });
    const got = await readAfter(rejected.body.position, org, 'application/get', { applicationId: bob.id }, ['inf_campaign_manager']);
    expect(got.body).toMatchObject({ status: 'rejected', reasonCode: 'audience_mismatch', note: 'too small', decidedBy: 'manager-mia' });

    // A taken code refuses the whole approval: no profile, no approval.
    const carl = (await submit({ ...anna(org, campaignId, 'carl@example.com'), name: 'Carl' })).body;
    const beforeTaken = await eventCount();
    const taken = await post('application/approve', org, { applicationId: carl.id, code: 'ANNA10' });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('CODE.TAKEN');
    expect(await eventCount()).toBe(beforeTaken);
    // Without a code: one derived from the name and the id, a share link by default.
    const carlApproved = await post('application/approve', org, { applicationId: carl.id });
    expect(carlApproved.body).toMatchObject({ status: 'approved', code: expect.stringMatching(/^CARL-[0-9A-F]{6}$/), shareUrl: expect.stringMatching(/\/r\/CARL-/) });

    expect(apply.status).toBe(200);
    expect(apply.body).toMatchObject({ valid: true, influencerId: approved.body.influencerId, campaignId });
  });

  it('bulk review: a result per decision; a replay answers the same results and appends nothing', async () => {
    const org = 'app-bulk';
    const campaignId = await campaignWithIntake(org);
    const ids: string[] = [];
    for (const who of ['d1', 'd2', 'd3']) ids.push((await submit(anna(org, campaignId, `${who}@example.com`))).body.id);
    await post('application/reject', org, { applicationId: ids[2], reasonCode: 'spam' });
    const body = {
      decisions: [
        { applicationId: ids[0], decision: 'approve' },
        { applicationId: ids[1], decision: 'reject', reasonCode: 'audience_mismatch' },
        { applicationId: ids[2], decision: 'approve' },
        { applicationId: 'unknown', decision: 'approve' },
      ],
    };
    const first = await post('application/bulk-review', org, body);
    expect(first.status).toBe(200);
    expect(first.body.results).toEqual([
      { applicationId: ids[0], status: 'approved', influencerId: expect.any(String), code: expect.stringMatching(/^ANNAEXAM-/) },
      { applicationId: ids[1], status: 'rejected' },
      { applicationId: ids[2], status: 'refused', error: { code: 'APPLICATION.ALREADY_DECIDED', detail: expect.any(String) } },
      { applicationId: 'unknown', status: 'refused', error: { code: 'APPLICATION.NOT_FOUND', detail: expect.any(String) } },
    ]);
    const before = await eventCount();
    const replay = await post('application/bulk-review', org, body);
    expect(replay.status).toBe(200);
    expect(replay.body.results).toEqual(first.body.results);
    expect(await eventCount()).toBe(before);

    const malformed = await post('application/bulk-review', org, { decisions: [{ applicationId: ids[0], decision: 'reject' }, { applicationId: ids[0], decision: 'approve' }] });
    expect(malformed.status).toBe(400);
    expect(fields(malformed)).toEqual(['decisions[0].reasonCode', 'decisions[1].applicationId']);
    const tooMany = await post('application/bulk-review', org, { decisions: Array.from({ length: 101 }, (_, i) => ({ applicationId: `a${i}`, decision: 'approve' })) });
    expect(tooMany.status).toBe(400);
    expect(fields(tooMany)).toEqual(['decisions']);
  });

  it('other orgs see 404, other roles 403', async () => {
    const campaignId = await campaignWithIntake('app-iso');
    const applied = (await submit(anna('app-iso', campaignId))).body;
    const foreign = await post('application/approve', 'app-else', { applicationId: applied.id });
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('APPLICATION.NOT_FOUND');
    expect((await post('application/get', 'app-else', { applicationId: applied.id })).status).toBe(404);
    for (const path of ['application/approve', 'application/reject', 'application/list', 'application/bulk-review']) {
      const res = await post(path, 'app-iso', { applicationId: applied.id, reasonCode: 'x', decisions: [] }, ['inf_finance']);
      expect([path, res.status, res.body.code]).toEqual([path, 403, 'ROLE_REQUIRED']);
    }
  });
});

describe('comments', () => {
  it('threads, revision history (author only), status (hiding: moderators), reports; 404 across orgs', async () => {
    const org = 'cm-org';
    const subject = { kind: 'campaign', id: 'c-1' };
    const root = await post('comment', org, { subject, body: 'Draft brief attached', attachments: [{ name: 'brief.pdf', mediaType: 'application/pdf', size: 2048, url: 'https://files.example/brief.pdf' }] });
    expect(root.status).toBe(201);
    clock.set(new Date(at(T0, 60_000))); // a thread reads in posting order
    const reply = await post('comment', org, { subject, body: 'Thanks!', parentId: root.body.id }, ['inf_finance'], 'fin-fred');
    expect(reply.status).toBe(201);
    const wrongSubject = await post('comment', org, { subject: { kind: 'earning', id: 'e-1' }, body: 'x', parentId: root.body.id });
    expect(wrongSubject.status).toBe(400);
    expect(fields(wrongSubject)).toEqual(['parentId']);
    expect((await post('comment', org, { subject, body: 'x', parentId: 'nope' })).body.code).toBe('COMMENT.PARENT_NOT_FOUND');
    const bad = await post('comment', org, { subject: { kind: 'planet', id: '' }, body: '', attachments: [{ name: 'a', mediaType: 'pdf', size: -1, url: 'javascript:x' }] });
    expect(bad.status).toBe(400);
    expect(fields(bad)).toEqual(expect.arrayContaining(['subject.kind', 'subject.id', 'body', 'attachments[0].size']));

    clock.set(new Date(at(T0, 120_000)));
    await post('comment', org, { subject, body: 'Another topic' });
    const revised = await post('comment/revise', org, { commentId: root.body.id, body: 'Final brief attached' });
    expect(revised.body).toMatchObject({ id: root.body.id, changed: true });
    const notAuthor = await post('comment/revise', org, { commentId: root.body.id, body: 'mine now' }, ['inf_admin'], 'someone-else');
    expect(notAuthor.status).toBe(403);
    expect(notAuthor.body.code).toBe('COMMENT.NOT_AUTHOR');

    const resolved = await post('comment/status', org, { commentId: reply.body.id, status: 'resolved' });
    expect(resolved.body.changed).toBe(true);
    const hideRefused = await post('comment/status', org, { commentId: reply.body.id, status: 'hidden' });
    expect(hideRefused.status).toBe(403);
    expect(hideRefused.body.code).toBe('COMMENT.MODERATOR_REQUIRED');
    const reported = await post('comment/report', org, { commentId: reply.body.id, reasonCode: 'off_topic' }, ['inf_viewer'], 'viewer-vic');
    expect(reported.body.changed).toBe(true);
    expect((await post('comment/report', org, { commentId: reply.body.id, reasonCode: 'off_topic' }, ['inf_viewer'], 'viewer-vic')).body.changed).toBe(false);

    const read = (path: string, body: unknown, o = org) => readAfter(reported.body.position, o, path, body);
    const detail = await read('comment/get', { commentId: root.body.id });
    expect(detail.body).toMatchObject({ id: root.body.id, body: 'Final brief attached', authorId: 'manager-mia', revision: 2, status: 'open', attachments: [{ name: 'brief.pdf', size: 2048 }] });
    expect(detail.body.revisions.map((r: { revision: number; body: string }) => [r.revision, r.body])).toEqual([[1, 'Draft brief attached'], [2, 'Final brief attached']]);
    const thread = await read('comment/list', { subject });
    expect(thread.body.items.map((c: { body: string; parentId: string | null }) => [c.body, c.parentId])).toEqual([['Final brief attached', null], ['Thanks!', root.body.id], ['Another topic', null]]);
    expect(thread.body.items[1]).toMatchObject({ status: 'resolved', reports: 1 });
    const replies = await read('comment/list', { subject, parentId: root.body.id });
    expect(replies.body.items.map((c: { id: string }) => c.id)).toEqual([reply.body.id]);

    // Hidden by a moderator: others see that it exists, not what it said.
    const hidden = await post('comment/status', org, { commentId: reply.body.id, status: 'hidden' }, ['inf_owner'], 'owner-olga');
    expect(hidden.body.changed).toBe(true);
    const asViewer = await readAfter(hidden.body.position, org, 'comment/get', { commentId: reply.body.id });
    expect(asViewer.body).toMatchObject({ status: 'hidden', body: null, revisions: [] });
    const asOwner = await t.auth({ org, roles: ['inf_owner'] }).then((auth) => request(t.server).post('/influencer/comment/get').set(auth).send({ commentId: reply.body.id }));
    expect(asOwner.body).toMatchObject({ status: 'hidden', body: 'Thanks!' });

    expect((await read('comment/get', { commentId: root.body.id }, 'cm-else')).status).toBe(404);
    expect((await post('comment/revise', 'cm-else', { commentId: root.body.id, body: 'x' })).status).toBe(404);
    const integration = await post('comment', org, { subject, body: 'x' }, ['inf_integration']);
    expect(integration.status).toBe(403);
  });
});

describe('inbox', () => {
  const placed = (orderId: string, occurredAt: string): ScmFact => ({
    type: 'OrderPlaced', sourceRef: `scm-${orderId}`, orderId, channel: 'ecommerce', customerRef: 'cust-touch', occurredAt, currency: 'EUR',
    lines: [{ lineId: 'l1', sku: 'SKU-A', quantity: 2, unitPrice: 5_000 }],
  });

  it('a manual hold puts an item in finance\'s inbox (once, whatever re-runs); status and state move; other roles and orgs see nothing', async () => {
    const org = 'ib-org';
    const api = new LedgerApi(t, org, 'manager-mia');
    const campaign = await api.createActiveCampaign(LAST_TOUCH_TEN_PERCENT);
    const influencer = await api.createProfile({ name: 'Ada', email: 'ada@ib.example' });
    const code = await api.createCode({ campaignId: campaign.id, influencerId: influencer.id, code: 'ADA10', kind: 'coupon' });
    // As in the ledger e2e: this test is about the inbox, so it does not rely on the catalog's bounded own-write wait.
    expect(await t.app.get<ProgramCatalog>(PROGRAM_CATALOG).waitFor(parsePosition(code.position!)!, 10_000)).toBe(true);
    clock.set(new Date(at(T0, HOUR_MS)));
    expect((await api.applyCode({ code: 'ADA10', channel: 'ecommerce', customerRef: 'cust-touch', subtotal: { amount: 10_000, currency: 'EUR' }, occurredAt: at(T0, HOUR_MS) })).valid).toBe(true);
    clock.set(new Date(at(T0, 2 * HOUR_MS)));
    await api.record(placed('o-1', at(T0, 2 * HOUR_MS)));
    await settle(t);
    const [earning] = await api.earnings({ orderId: 'o-1' });
    expect(earning).toBeDefined();
    // The period hold every earning starts with needs nobody: no item for it.
    const empty = await post('inbox/list', org, {}, ['inf_finance']);
    expect(empty.body.items).toEqual([]);

    const held = await api.hold({ earningIds: [earning!.earningId], reasonCode: 'kyc_pending' });
    expect(held.earnings[0].state).toBe('held');
    await settle(t);
    const finance = await post('inbox/list', org, { status: 'unread' }, ['inf_finance'], 'fin-fred');
    expect(finance.body.items).toHaveLength(1);
    const item = finance.body.items[0];
    expect(item).toMatchObject({ kind: 'hold', subject: { kind: 'earning', id: earning!.earningId }, roles: ['inf_finance'], status: 'unread', state: 'open', cause: { type: 'HoldPlaced' } });
    expect((await post('inbox/list', org, {}, ['inf_campaign_manager'])).body.items).toEqual([]);
    expect((await post('inbox/get', org, { inboxItemId: item.id }, ['inf_campaign_manager'])).status).toBe(404);
    expect((await post('inbox/get', org, { inboxItemId: item.id }, ['inf_owner'])).body.id).toBe(item.id);
    expect((await post('inbox/status', org, { inboxItemId: item.id, status: 'read' }, ['inf_campaign_manager'])).status).toBe(404);
    expect((await post('inbox/get', 'ib-else', { inboxItemId: item.id }, ['inf_finance'])).status).toBe(404);

    const read = await post('inbox/status', org, { inboxItemId: item.id, status: 'read' }, ['inf_finance'], 'fin-fred');
    expect(read.body).toMatchObject({ id: item.id, changed: true });
    const working = await post('inbox/state', org, { inboxItemId: item.id, state: 'in_progress' }, ['inf_finance'], 'fin-fred');
    expect(working.body.changed).toBe(true);
    const bad = await post('inbox/state', org, { inboxItemId: item.id, state: 'closed' }, ['inf_finance']);
    expect(bad.status).toBe(400);
    expect(fields(bad)).toEqual(['state']);
    const after = await readAfter(working.body.position, org, 'inbox/get', { inboxItemId: item.id }, ['inf_finance']);
    expect(after.body).toMatchObject({ status: 'read', state: 'in_progress' });
    const inProgress = await readAfter(working.body.position, org, 'inbox/list', { state: 'in_progress', status: 'read' }, ['inf_finance']);
    expect(inProgress.body.items.map((i: { id: string }) => i.id)).toEqual([item.id]);

    // Replaying the process manager from the start creates nothing new (ids deterministic in the cause).
    const before = await eventCount();
    await t.db.updateTable('projection_checkpoint').set({ commit_position: null, prepare_position: null }).where('name', '=', 'collab_inbox_items_pm').execute();
    await settle(t);
    expect(await eventCount()).toBe(before);
  });

  it('fraud flags, disputes and payout batches (other contexts\' events, by type) become items for the roles that must act', async () => {
    const org = 'ib-auto';
    const metadata = { org, actorId: 'someone', correlationId: 'corr-auto', schemaVersion: 1, occurredAt: T0 };
    const causes = [
      { stream: `fraud-${org}.f-1`, type: 'FraudFlagRaised', data: { flagId: 'f-1', rule: 'self_referral', influencerId: 'i-1', evidence: {}, at: T0 }, roles: ['inf_fraud_reviewer'], subject: { kind: 'fraud_flag', id: 'f-1' } },
      { stream: `dispute-${org}.d-1`, type: 'DisputeOpened', data: { disputeId: 'd-1', subject: { kind: 'earning', id: 'e-1' }, reasonCode: 'wrong_amount', at: T0 }, roles: ['inf_finance'], subject: { kind: 'dispute', id: 'd-1' } },
      { stream: `payout-${org}.b-1`, type: 'PayoutBatchCreated', data: { batchId: 'b-1', at: T0 }, roles: ['inf_finance'], subject: { kind: 'payout_batch', id: 'b-1' } },
    ];
    for (const c of causes) await t.eventStore.append(c.stream, [{ id: randomId(), type: c.type, data: c.data, metadata }], { expectedRevision: 'no_stream' });
    await settle(t);
    const all = (await post('inbox/list', org, {}, ['inf_owner'])).body.items as Array<{ subject: unknown; roles: string[]; cause: { stream: string } }>;
    expect(all).toHaveLength(3);
    for (const c of causes) expect(all.find((i) => i.cause.stream === c.stream)).toMatchObject({ subject: c.subject, roles: c.roles });
    expect((await post('inbox/list', org, {}, ['inf_fraud_reviewer'])).body.items).toHaveLength(1);
  });

  it('inbox/create addresses roles; bad roles are 400 naming them', async () => {
    const org = 'ib-manual';
    const created = await post('inbox/create', org, { subject: { kind: 'campaign', id: 'c-9' }, title: 'Check the landing page', roles: ['inf_campaign_manager'], kind: 'follow_up' }, ['inf_admin']);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'unread', state: 'open' });
    const mine = await readAfter(created.body.position, org, 'inbox/list', {}, ['inf_campaign_manager']);
    expect(mine.body.items).toEqual([expect.objectContaining({ id: created.body.id, kind: 'follow_up', title: 'Check the landing page', createdBy: 'manager-mia' })]);
    const bad = await post('inbox/create', org, { subject: { kind: 'campaign', id: 'c-9' }, title: 'x', roles: ['root'] }, ['inf_admin']);
    expect(bad.status).toBe(400);
    expect(fields(bad)).toEqual(['roles']);
  });
});
