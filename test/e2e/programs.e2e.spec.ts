// Proves campaigns, influencer profiles and codes over HTTP on a fresh database: full lifecycles with versioned
// rules, 400s naming nested fields, 409 transitions and taken codes, 404 across orgs, 403 by role, Idempotency-Key,
// and read-your-writes through X-Consistency-Position (no polling); time from an injected FixedClock.
import request from 'supertest';
import { FixedClock } from '@ledger/kernel';
import type { TokenClaims } from '@ledger/http';
import { startTestApp, type TestApp } from '../support/app';

const NOW = '2026-03-01T10:00:00.000Z';
const clock = new FixedClock(new Date(NOW));
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock });
});
afterAll(() => t.close());

const ACME = 'acme';
const GLOBEX = 'globex';
const MANAGER: Partial<TokenClaims> = { org: ACME, sub: 'mia', roles: ['inf_campaign_manager'] };
const VIEWER: Partial<TokenClaims> = { org: ACME, sub: 'vic', roles: ['inf_viewer'] };
const OTHER_ORG_ADMIN: Partial<TokenClaims> = { org: GLOBEX, sub: 'gus', roles: ['inf_admin'] };

/** POST /influencer/<path>; the answer, never throwing on 4xx (assert with `expectAnswer`). */
async function post(path: string, body: object, claims: Partial<TokenClaims> = MANAGER, headers: Record<string, string> = {}): Promise<request.Response> {
  return request(t.server)
    .post(`/influencer/${path}`)
    .set(await t.auth(claims))
    .set(headers)
    .send(body);
}

/** Runs `fn` with the clock at `iso`, then puts it back to NOW. */
async function at<T>(iso: string, fn: () => Promise<T>): Promise<T> {
  clock.set(new Date(iso));
  try {
    return await fn();
  } finally {
    clock.set(new Date(NOW));
  }
}

/** A query that reads its write: waits (bounded, by the edge) for `position`. */
const read = (path: string, body: object, position: string, claims: Partial<TokenClaims> = MANAGER) => post(path, body, claims, { 'X-Consistency-Position': position });

/** The status, and for a problem its code; a mismatch shows the whole answer. */
function expectAnswer(res: request.Response, status: number, code?: string): void {
  if (res.status !== status || (code !== undefined && res.body.code !== code)) {
    throw new Error(`expected ${status} ${code ?? ''}, got ${res.status}: ${JSON.stringify(res.body)}`);
  }
}

const fieldsOf = (res: request.Response): string[] => res.body.errors.map((e: { field: string }) => e.field).sort();

const rules = (overrides: object = {}) => ({
  attribution: { model: 'last_touch', windowDays: 14 },
  channels: ['ecommerce', 'pos'],
  earnings: { type: 'percent', rateBps: 1_000 },
  holdDays: 30,
  lockDays: 60,
  minPayout: { amount: 5_000, currency: 'EUR' },
  ...overrides,
});

async function createCampaign(name = 'Spring', overrides: object = {}, claims = MANAGER): Promise<{ id: string; position: string }> {
  const res = await post('campaign/create', { name, ...rules(overrides) }, claims);
  expectAnswer(res, 201);
  return res.body;
}

async function createProfile(body: object = {}, claims = MANAGER): Promise<{ id: string; position: string }> {
  const res = await post('profile/create', { name: 'Anna', email: 'anna@example.com', ...body }, claims);
  expectAnswer(res, 201);
  return res.body;
}

describe('campaign lifecycle', () => {
  it('creates a draft, reads it back at once with X-Consistency-Position, rules with their defaults made explicit', async () => {
    const res = await post('campaign/create', { name: ' Spring ', ...rules({ landingUrl: 'https://shop.example/spring' }) });
    expectAnswer(res, 201);
    expect(res.body).toEqual({ id: expect.any(String), status: 'draft', rulesVersion: 1, position: expect.stringMatching(/^\d+-\d+$/) });

    const got = await read('campaign/get', { campaignId: res.body.id }, res.body.position, VIEWER);
    expectAnswer(got, 200);
    expect(got.body).toMatchObject({
      id: res.body.id,
      name: 'Spring',
      status: 'draft',
      rulesVersion: 1,
      rulesEffectiveFrom: NOW,
      createdAt: NOW,
      activatedAt: null,
      closedAt: null,
      statusHistory: [{ status: 'draft', at: NOW }],
      costTotals: [],
    });
    expect(got.body.rules).toEqual({
      ...rules(),
      attribution: { model: 'last_touch', windowDays: 14, precedence: 0 },
      channelOverrides: {},
      exclusions: { skus: [], categories: [] },
      bonuses: [],
      caps: {},
      referralLevels: [],
      landingUrl: 'https://shop.example/spring',
    });
    expect(got.body.versions).toEqual([{ rulesVersion: 1, effectiveFrom: NOW, rules: got.body.rules, recordedAt: expect.any(String) }]);
  });

  it('versions the rules: update replaces only the fields it gives, null clears, earlier versions stay', async () => {
    const { id } = await createCampaign('Summer', { endsAt: '2026-09-01T00:00:00Z', caps: { perOrder: { amount: 1_000, currency: 'EUR' } } });
    const update = await post('campaign/update', {
      campaignId: id,
      effectiveFrom: '2026-04-01T00:00:00Z',
      name: 'Summer+',
      earnings: { type: 'tiered', basis: 'orders', tiers: [{ from: 0, rateBps: 500 }, { from: 10, rateBps: 800 }] },
      endsAt: null,
    });
    expectAnswer(update, 200);
    expect(update.body).toEqual({ id, rulesVersion: 2, effectiveFrom: '2026-04-01T00:00:00Z', position: expect.any(String) });

    const got = await read('campaign/get', { campaignId: id }, update.body.position);
    expect(got.body).toMatchObject({ name: 'Summer+', rulesVersion: 2, rulesEffectiveFrom: '2026-04-01T00:00:00.000Z' });
    expect(got.body.rules.earnings).toEqual({ type: 'tiered', basis: 'orders', tiers: [{ from: 0, rateBps: 500 }, { from: 10, rateBps: 800 }] });
    expect(got.body.rules.caps).toEqual({ perOrder: { amount: 1_000, currency: 'EUR' } }); // carried over
    expect(got.body.rules).not.toHaveProperty('endsAt'); // cleared
    expect(got.body.versions.map((v: { rulesVersion: number }) => v.rulesVersion)).toEqual([1, 2]);
    expect(got.body.versions[0].rules.earnings).toEqual({ type: 'percent', rateBps: 1_000 });
    expect(got.body.versions[0].rules.endsAt).toBe('2026-09-01T00:00:00Z');
    expect(got.body.versions[1]).toMatchObject({ renamedTo: 'Summer+', effectiveFrom: '2026-04-01T00:00:00.000Z' });

    // A version may not take effect before the one in force.
    expectAnswer(await post('campaign/update', { campaignId: id, holdDays: 5, effectiveFrom: '2026-03-15T00:00:00Z' }), 409, 'CAMPAIGN.RULES_EFFECTIVE_TOO_EARLY');
    expectAnswer(await post('campaign/update', { campaignId: id }), 400, 'VALIDATION_FAILED');
  });

  it('walks draft → active ⇄ paused → closed at the clock\'s time, recording reasons; refuses other transitions with 409', async () => {
    const { id } = await createCampaign('Autumn');
    expectAnswer(await post('campaign/pause', { campaignId: id }), 409, 'CAMPAIGN.INVALID_TRANSITION');

    clock.set(new Date('2026-03-02T08:00:00Z'));
    const activated = await post('campaign/activate', { campaignId: id, reasonCode: 'launch' });
    expectAnswer(activated, 200);
    expect(activated.body).toEqual({ id, status: 'active', position: expect.any(String) });
    expectAnswer(await post('campaign/activate', { campaignId: id }), 409, 'CAMPAIGN.INVALID_TRANSITION');
    expectAnswer(await post('campaign/pause', { campaignId: id, reasonCode: 'stock_out' }), 200);
    expectAnswer(await post('campaign/activate', { campaignId: id }), 200);
    clock.set(new Date('2026-03-03T08:00:00Z'));
    const closed = await post('campaign/close', { campaignId: id, reasonCode: 'season_over' });
    expectAnswer(closed, 200);
    clock.set(new Date(NOW));

    expectAnswer(await post('campaign/activate', { campaignId: id }), 409, 'CAMPAIGN.INVALID_TRANSITION');
    expectAnswer(await post('campaign/close', { campaignId: id }), 409, 'CAMPAIGN.INVALID_TRANSITION');
    expectAnswer(await post('campaign/update', { campaignId: id, holdDays: 1 }), 409, 'CAMPAIGN.CLOSED');

    const got = await read('campaign/get', { campaignId: id }, closed.body.position);
    expect(got.body).toMatchObject({ status: 'closed', activatedAt: '2026-03-02T08:00:00.000Z', closedAt: '2026-03-03T08:00:00.000Z' });
    expect(got.body.statusHistory).toEqual([
      { status: 'draft', at: NOW },
      { status: 'active', at: '2026-03-02T08:00:00.000Z' },
      { status: 'paused', at: '2026-03-02T08:00:00.000Z', reasonCode: 'stock_out' },
      { status: 'active', at: '2026-03-02T08:00:00.000Z' },
      { status: 'closed', at: '2026-03-03T08:00:00.000Z', reasonCode: 'season_over' },
    ]);

    // Who did it, in which request, and why, is on the events.
    const events = await t.eventStore.readStream(`campaign-${ACME}.${id}`);
    const activation = events.find((e) => e.type === 'CampaignActivated');
    expect(activation?.metadata).toMatchObject({ org: ACME, actorId: 'mia', reasonCode: 'launch', occurredAt: '2026-03-02T08:00:00.000Z' });
  });

  it('records costs once per costId (even after closing) and sums them per currency', async () => {
    const { id } = await createCampaign('Costly');
    const cost = { campaignId: id, costId: 'inv-1', amount: { amount: 12_000, currency: 'EUR' }, channel: 'ecommerce', note: 'ads' };
    const first = await post('campaign/cost/record', cost);
    expectAnswer(first, 201);
    expect(first.body).toEqual({ campaignId: id, costId: 'inv-1', recorded: true, position: expect.any(String) });
    const again = await post('campaign/cost/record', cost);
    expect(again.body).toMatchObject({ recorded: false, position: first.body.position });
    expectAnswer(await post('campaign/cost/record', { ...cost, amount: { amount: 1, currency: 'EUR' } }), 409, 'CAMPAIGN.COST_ID_REUSED');
    await post('campaign/close', { campaignId: id });
    const late = await post('campaign/cost/record', { campaignId: id, amount: { amount: 3_000, currency: 'EUR' }, incurredAt: '2026-02-20T00:00:00Z' });
    expectAnswer(late, 201);
    await post('campaign/cost/record', { campaignId: id, amount: { amount: 500, currency: 'USD' } });
    const usd = await post('campaign/cost/record', { campaignId: id, amount: { amount: 700, currency: 'USD' } });

    const got = await read('campaign/get', { campaignId: id }, usd.body.position);
    expect(got.body.costTotals).toEqual([
      { amount: 15_000, currency: 'EUR' },
      { amount: 1_200, currency: 'USD' },
    ]);
  });

  it('lists the org\'s campaigns newest first, filtered by status, page by page', async () => {
    const org: Partial<TokenClaims> = { ...MANAGER, org: 'list-org' };
    const created: string[] = [];
    for (const [i, name] of ['A', 'B', 'C'].entries()) {
      clock.set(new Date(Date.parse(NOW) + i * 60_000));
      created.push((await createCampaign(name, {}, org)).id);
    }
    clock.set(new Date(NOW));
    const activated = await post('campaign/activate', { campaignId: created[1] }, org);

    const page1 = await read('campaign/list', { limit: 2 }, activated.body.position, org);
    expectAnswer(page1, 200);
    expect(page1.body.items.map((c: { name: string }) => c.name)).toEqual(['C', 'B']);
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await post('campaign/list', { limit: 2, cursor: page1.body.nextCursor }, org);
    expect(page2.body).toEqual({ items: [expect.objectContaining({ name: 'A', status: 'draft' })], nextCursor: null });

    const active = await post('campaign/list', { status: 'active' }, org);
    expect(active.body.items.map((c: { id: string }) => c.id)).toEqual([created[1]]);
    expectAnswer(await post('campaign/list', { cursor: 'not-a-cursor' }, org), 400, 'VALIDATION_FAILED');
    expectAnswer(await post('campaign/list', { limit: 501 }, org), 400, 'VALIDATION_FAILED');
  });
});

describe('campaign validation (400)', () => {
  it('names every bad nested field of the shape', async () => {
    const res = await post('campaign/create', {
      name: '',
      ...rules({
        attribution: { model: 'last_click', windowDays: 0 },
        channels: ['ecommerce', 'tv'],
        channelOverrides: { tv: { windowDays: 3 }, pos: { windowDays: 'x' } },
        earnings: { type: 'tiered', basis: 'orders', tiers: [{ from: 0, rateBps: 500 }, { from: 1.5, rateBps: 20_000 }] },
        minPayout: { amount: 5_000, currency: 'eur' },
        referralLevels: [{ level: 1, rateBps: 100 }],
      }),
    });
    expectAnswer(res, 400, 'VALIDATION_FAILED');
    expect(fieldsOf(res)).toEqual(
      [
        'attribution.model',
        'attribution.windowDays',
        'channelOverrides.pos.windowDays',
        'channelOverrides.tv',
        'channels',
        'earnings.tiers[1].from',
        'earnings.tiers[1].rateBps',
        'minPayout.currency',
        'name',
        'referralLevels[0].level',
      ].sort(),
    );
  });

  it('names fields of the rules\' semantics (domain validation) once the shape is right', async () => {
    const res = await post('campaign/create', {
      name: 'Semantics',
      ...rules({
        channelOverrides: { wholesale: { windowDays: 3 } },
        earnings: { type: 'tiered', basis: 'revenue', tiers: [{ from: 0, rateBps: 500 }, { from: 0, rateBps: 800 }] },
        startsAt: '2026-05-01T00:00:00Z',
        endsAt: '2026-04-01T00:00:00Z',
        landingUrl: 'ftp://shop.example',
      }),
    });
    expectAnswer(res, 400, 'VALIDATION_FAILED');
    expect(fieldsOf(res)).toEqual(['channelOverrides.wholesale', 'earnings.tiers[1].from', 'endsAt', 'landingUrl']);
  });

  it('validates each earnings rule by its type, and refuses unknown types and properties', async () => {
    const fixed = await post('campaign/create', { name: 'F', ...rules({ earnings: { type: 'fixed', rateBps: 100 } }) });
    expect(fieldsOf(fixed)).toEqual(['earnings.amount', 'earnings.rateBps']);
    const unknown = await post('campaign/create', { name: 'U', ...rules({ earnings: { type: 'bounty' } }) });
    expect(fieldsOf(unknown)).toEqual(['earnings.type']);
    const extra = await post('campaign/create', { name: 'E', org: GLOBEX, ...rules() });
    expect(res400Fields(extra)).toEqual(['org']);
  });

  it('validates a partial update: its fields, and the rules it would produce', async () => {
    const { id } = await createCampaign('Partial');
    const shape = await post('campaign/update', { campaignId: id, attribution: { model: 'coupon' }, holdDays: -1 });
    expect(fieldsOf(shape)).toEqual(['attribution.windowDays', 'holdDays']);
    const semantic = await post('campaign/update', { campaignId: id, channels: ['ecommerce'], channelOverrides: { pos: { windowDays: 3 } } });
    expect(fieldsOf(semantic)).toEqual(['channelOverrides.pos']);
    const required = await post('campaign/update', { campaignId: id, earnings: null });
    expect(fieldsOf(required)).toEqual(['earnings']);
  });
});

function res400Fields(res: request.Response): string[] {
  expectAnswer(res, 400, 'VALIDATION_FAILED');
  return fieldsOf(res);
}

describe('influencer profiles', () => {
  it('registers active, with a parent of the same org; suspend ⇄ reactivate → terminate; 409 otherwise', async () => {
    const parent = await createProfile({ name: 'Parent', email: 'parent@example.com' });
    const res = await post('profile/create', { name: 'Child', email: ' Child@Example.COM ', customerRefs: ['c-1', 'c-1 '], tier: 'gold', parentId: parent.id });
    expectAnswer(res, 201);
    expect(res.body).toEqual({ id: expect.any(String), status: 'active', position: expect.any(String) });
    const id = res.body.id;

    const got = await read('profile/get', { influencerId: id }, res.body.position, VIEWER);
    expectAnswer(got, 200);
    expect(got.body).toEqual({
      id,
      name: 'Child',
      email: 'child@example.com',
      customerRefs: ['c-1'],
      tier: 'gold',
      parentId: parent.id,
      status: 'active',
      statusReason: null,
      registeredAt: NOW,
      statusChangedAt: NOW,
    });

    expectAnswer(await post('profile/reactivate', { influencerId: id }), 409, 'INFLUENCER.INVALID_TRANSITION');
    expect(res400Fields(await post('profile/suspend', { influencerId: id }))).toEqual(['reasonCode']);
    const suspended = await post('profile/suspend', { influencerId: id, reasonCode: 'kyc_pending' });
    expectAnswer(suspended, 200);
    expect(suspended.body).toMatchObject({ id, status: 'suspended' });
    expectAnswer(await post('profile/suspend', { influencerId: id, reasonCode: 'again' }), 409, 'INFLUENCER.INVALID_TRANSITION');
    expect((await read('profile/get', { influencerId: id }, suspended.body.position)).body).toMatchObject({ status: 'suspended', statusReason: 'kyc_pending' });
    expectAnswer(await post('profile/reactivate', { influencerId: id, reasonCode: 'kyc_done' }), 200);
    const terminated = await post('profile/terminate', { influencerId: id, reasonCode: 'fraud' });
    expectAnswer(terminated, 200);
    expectAnswer(await post('profile/reactivate', { influencerId: id }), 409, 'INFLUENCER.INVALID_TRANSITION');
    expectAnswer(await post('profile/terminate', { influencerId: id, reasonCode: 'fraud' }), 409, 'INFLUENCER.INVALID_TRANSITION');

    const children = await read('profile/list', { parentId: parent.id }, terminated.body.position);
    expect(children.body).toEqual({ items: [expect.objectContaining({ id, status: 'terminated' })], nextCursor: null });
    const terminatedOnes = await post('profile/list', { status: 'terminated' });
    expect(terminatedOnes.body.items.map((p: { id: string }) => p.id)).toContain(id);
    expect(terminatedOnes.body.items.map((p: { id: string }) => p.id)).not.toContain(parent.id);
  });

  it('refuses an unknown parent (404), a bad email and blank refs (400), unknown ids (404)', async () => {
    expectAnswer(await post('profile/create', { name: 'Orphan', email: 'o@example.com', parentId: 'no-such-influencer' }), 404, 'INFLUENCER.PARENT_NOT_FOUND');
    expect(res400Fields(await post('profile/create', { name: 'Bad', email: 'not-an-email', customerRefs: ['ok', ' '] }))).toEqual(['customerRefs[1]', 'email']);
    expectAnswer(await post('profile/suspend', { influencerId: 'nobody', reasonCode: 'x' }), 404, 'INFLUENCER.NOT_FOUND');
    expectAnswer(await post('profile/get', { influencerId: 'nobody' }), 404, 'INFLUENCER.NOT_FOUND');
  });
});

describe('codes', () => {
  let campaignId: string;
  let influencerId: string;
  beforeAll(async () => {
    campaignId = (await createCampaign('Codes')).id;
    influencerId = (await createProfile({ name: 'Coder', email: 'coder@example.com' })).id;
  });

  it('issues a coupon in its normalised spelling, a link with its share URL; a taken code in any spelling is 409', async () => {
    const coupon = await post('code/create', { campaignId, influencerId, code: ' anna10 ', kind: 'coupon', discount: { type: 'percent', rateBps: 1_000 }, channels: ['ecommerce'] });
    expectAnswer(coupon, 201);
    expect(coupon.body).toEqual({ id: expect.any(String), code: 'ANNA10', position: expect.any(String) });
    const link = await at('2026-03-01T10:01:00Z', () => post('code/create', { campaignId, influencerId, code: 'anna-link', kind: 'link' }));
    expectAnswer(link, 201);
    expect(link.body.shareUrl).toMatch(/^https?:\/\/[^/]+\/r\/ANNA-LINK$/);

    expectAnswer(await post('code/create', { campaignId, influencerId, code: 'Anna10', kind: 'qr' }), 409, 'CODE.TAKEN');

    const listed = await read('code/list', { campaignId }, link.body.position, VIEWER);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ id: link.body.id, code: 'ANNA-LINK', kind: 'link', active: true, shareUrl: link.body.shareUrl, discount: null, channels: null }),
      expect.objectContaining({ id: coupon.body.id, code: 'ANNA10', kind: 'coupon', influencerId, discount: { type: 'percent', rateBps: 1_000 }, channels: ['ecommerce'], issuedAt: NOW }),
    ]);
    expect(listed.body.items[1]).not.toHaveProperty('shareUrl');
  });

  it('deactivates by code or by id, once; lists by active', async () => {
    await at('2026-03-01T11:00:00Z', () => post('code/create', { campaignId, influencerId, code: 'BYCODE', kind: 'coupon' }));
    const byId = await at('2026-03-01T11:01:00Z', () => post('code/create', { campaignId, influencerId, code: 'BYID', kind: 'in_store' }));

    const first = await post('code/deactivate', { code: 'bycode', reasonCode: 'influencer_left' });
    expectAnswer(first, 200);
    expect(first.body).toEqual({ id: expect.any(String), code: 'BYCODE', active: false, position: expect.any(String) });
    expectAnswer(await post('code/deactivate', { code: 'BYCODE' }), 409, 'CODE.ALREADY_DEACTIVATED');

    // By id: the id is resolved through the read model, so the command reads its write too.
    const second = await post('code/deactivate', { codeId: byId.body.id }, MANAGER, { 'X-Consistency-Position': byId.body.position });
    expectAnswer(second, 200);
    expect(second.body.code).toBe('BYID');

    const inactive = await read('code/list', { campaignId, active: false }, second.body.position);
    expect(inactive.body.items.map((c: { code: string }) => c.code)).toEqual(['BYID', 'BYCODE']);
    expect(inactive.body.items[1]).toMatchObject({ deactivatedAt: NOW, deactivationReason: 'influencer_left' });
    const active = await post('code/list', { influencerId, active: true });
    expect(active.body.items.map((c: { code: string }) => c.code)).not.toContain('BYCODE');

    expect(res400Fields(await post('code/deactivate', {}))).toEqual(['code', 'codeId']);
    expect(res400Fields(await post('code/deactivate', { code: 'A', codeId: 'b' }))).toEqual(['code', 'codeId']);
    expectAnswer(await post('code/deactivate', { code: 'NEVER-ISSUED' }), 404, 'CODE.NOT_FOUND');
    expectAnswer(await post('code/deactivate', { codeId: 'no-such-id' }), 404, 'CODE.NOT_FOUND');
  });

  it('needs an existing campaign and influencer of the org; a closed campaign or terminated influencer gets no code', async () => {
    expectAnswer(await post('code/create', { campaignId: 'nope', influencerId, code: 'X1', kind: 'coupon' }), 404, 'CAMPAIGN.NOT_FOUND');
    expectAnswer(await post('code/create', { campaignId, influencerId: 'nope', code: 'X1', kind: 'coupon' }), 404, 'INFLUENCER.NOT_FOUND');

    const closed = await createCampaign('Closed');
    await post('campaign/close', { campaignId: closed.id });
    expectAnswer(await post('code/create', { campaignId: closed.id, influencerId, code: 'X2', kind: 'coupon' }), 409, 'CODE.CAMPAIGN_CLOSED');
    const leaver = await createProfile({ name: 'Leaver', email: 'leaver@example.com' });
    await post('profile/terminate', { influencerId: leaver.id, reasonCode: 'left' });
    expectAnswer(await post('code/create', { campaignId, influencerId: leaver.id, code: 'X3', kind: 'coupon' }), 409, 'CODE.INFLUENCER_TERMINATED');
  });

  it('names bad fields of a code', async () => {
    const res = await post('code/create', {
      campaignId,
      influencerId,
      code: 'ANNA 10',
      kind: 'sms',
      discount: { type: 'fixed', amount: { amount: 0, currency: 'EUR' } },
      channels: ['tv'],
    });
    expect(res400Fields(res)).toEqual(['channels', 'discount.amount.amount', 'kind']);
    expect(res400Fields(await post('code/create', { campaignId, influencerId, code: 'ANNA 10', kind: 'coupon' }))).toEqual(['code']);
    const order = await post('code/create', { campaignId, influencerId, code: 'LATE', kind: 'coupon', validFrom: '2026-05-01T00:00:00Z', validUntil: '2026-04-01T00:00:00Z' });
    expect(res400Fields(order)).toEqual(['validUntil']);
  });
});

describe('isolation between orgs (404)', () => {
  it('org B can neither read nor change org A\'s campaign, profile or code, nor issue codes on them', async () => {
    const campaign = await createCampaign('Private');
    const influencer = await createProfile({ name: 'Private', email: 'private@example.com' });
    const code = await post('code/create', { campaignId: campaign.id, influencerId: influencer.id, code: 'PRIVATE', kind: 'coupon' });
    expectAnswer(code, 201);
    const b = OTHER_ORG_ADMIN;

    expectAnswer(await read('campaign/get', { campaignId: campaign.id }, code.body.position, b), 404, 'CAMPAIGN.NOT_FOUND');
    expectAnswer(await post('campaign/update', { campaignId: campaign.id, holdDays: 1 }, b), 404, 'CAMPAIGN.NOT_FOUND');
    expectAnswer(await post('campaign/activate', { campaignId: campaign.id }, b), 404, 'CAMPAIGN.NOT_FOUND');
    expectAnswer(await post('campaign/close', { campaignId: campaign.id }, b), 404, 'CAMPAIGN.NOT_FOUND');
    expectAnswer(await post('campaign/cost/record', { campaignId: campaign.id, amount: { amount: 1, currency: 'EUR' } }, b), 404, 'CAMPAIGN.NOT_FOUND');
    expectAnswer(await post('profile/get', { influencerId: influencer.id }, b), 404, 'INFLUENCER.NOT_FOUND');
    expectAnswer(await post('profile/suspend', { influencerId: influencer.id, reasonCode: 'x' }, b), 404, 'INFLUENCER.NOT_FOUND');
    expectAnswer(await post('profile/create', { name: 'Spy', email: 'spy@example.com', parentId: influencer.id }, b), 404, 'INFLUENCER.PARENT_NOT_FOUND');
    expectAnswer(await post('code/deactivate', { code: 'PRIVATE' }, b), 404, 'CODE.NOT_FOUND');
    expectAnswer(await post('code/deactivate', { codeId: code.body.id }, b), 404, 'CODE.NOT_FOUND');

    const bInfluencer = await createProfile({ name: 'B', email: 'b@example.com' }, b);
    const bCampaign = await createCampaign('B', {}, b);
    expectAnswer(await post('code/create', { campaignId: campaign.id, influencerId: bInfluencer.id, code: 'STEAL', kind: 'coupon' }, b), 404, 'CAMPAIGN.NOT_FOUND');
    expectAnswer(await post('code/create', { campaignId: bCampaign.id, influencerId: influencer.id, code: 'STEAL', kind: 'coupon' }, b), 404, 'INFLUENCER.NOT_FOUND');
    // Codes are unique per org, not globally: B may use A's spelling.
    const bCode = await post('code/create', { campaignId: bCampaign.id, influencerId: bInfluencer.id, code: 'private', kind: 'coupon' }, b);
    expectAnswer(bCode, 201);

    for (const [path, body] of [['campaign/list', {}], ['profile/list', {}], ['code/list', {}]] as const) {
      const listed = await read(path, body, bCode.body.position, b);
      const ids = listed.body.items.map((item: { id: string }) => item.id);
      expect(ids).not.toEqual(expect.arrayContaining([campaign.id]));
      expect(ids).not.toContain(influencer.id);
      expect(ids).not.toContain(code.body.id);
    }
    const aCodes = await post('code/list', { campaignId: campaign.id });
    expect(aCodes.body.items.map((c: { id: string }) => c.id)).toEqual([code.body.id]);
  });
});

describe('roles (403)', () => {
  it('commands need owner, admin or campaign manager; queries any inf_* role', async () => {
    for (const roles of [['inf_viewer'], ['inf_finance'], ['inf_auditor'], ['inf_fraud_reviewer'], []]) {
      expectAnswer(await post('campaign/create', { name: 'No', ...rules() }, { ...MANAGER, roles }), 403, 'ROLE_REQUIRED');
      expectAnswer(await post('profile/create', { name: 'No', email: 'no@example.com' }, { ...MANAGER, roles }), 403, 'ROLE_REQUIRED');
      expectAnswer(await post('code/deactivate', { code: 'ANY' }, { ...MANAGER, roles }), 403, 'ROLE_REQUIRED');
    }
    for (const roles of [['inf_owner'], ['inf_admin']]) await createCampaign('Yes', {}, { ...MANAGER, roles });
    for (const roles of [['inf_viewer'], ['inf_auditor'], ['inf_finance']]) expectAnswer(await post('campaign/list', {}, { ...MANAGER, roles }), 200);
    expectAnswer(await post('campaign/list', {}, { ...MANAGER, roles: [] }), 403, 'ROLE_REQUIRED');
  });
});

describe('Idempotency-Key', () => {
  it('a retried create answers the first campaign and creates nothing more', async () => {
    const org: Partial<TokenClaims> = { ...MANAGER, org: 'idem-org' };
    const body = { name: 'Once', ...rules() };
    const first = await post('campaign/create', body, org, { 'Idempotency-Key': 'create-once' });
    expectAnswer(first, 201);
    const retry = await post('campaign/create', body, org, { 'Idempotency-Key': 'create-once' });
    expectAnswer(retry, 201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expectAnswer(await post('campaign/create', { ...body, name: 'Twice' }, org, { 'Idempotency-Key': 'create-once' }), 409, 'IDEMPOTENCY_KEY_REUSED');

    const listed = await read('campaign/list', {}, first.body.position, org);
    expect(listed.body.items.map((c: { id: string }) => c.id)).toEqual([first.body.id]);
  });
});
