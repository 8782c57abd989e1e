// Proves checkout over real HTTP and PostgreSQL, with programs appended straight to the event store and picked up by
// the catalog: code/apply's answers and reasons, discounts, one touch per cart, 400s naming fields, touch/record,
// the public share link (redirect, click touch, cookie; `cid` only when signed — forged, expired, unsigned or planted in
// a cookie it names nobody), one catalog per process, and answers while projections are stopped. code/apply and
// clicks answer before their touch is durable (ADR 0016): the store is read after the touch emitter has flushed.
import { ModulesContainer } from '@nestjs/core';
import request from 'supertest';
import { appendProgramEvents, CatalogModule, PROGRAM_CATALOG, programRules, ProgramEvents, signShareLinkCid, TouchEmitter, type ProgramCatalog } from '@ledger/attribution';
import { parsePosition, streamName, type Position, type RecordedEvent, type StreamAppend } from '@ledger/event-store';
import { FixedClock, LIMITS, randomId } from '@ledger/kernel';
import { startTestApp, type TestApp } from '../support/app';

const ORG = 'test-org'; // the default token's org
const NOW = '2026-03-10T12:00:00.000Z';
const day = (days: number) => new Date(Date.parse(NOW) + days * 86_400_000).toISOString();
const LANDING = 'https://shop.example/summer?utm_source=influencer';

const p = new ProgramEvents(ORG);
const program: StreamAppend[] = [
  p.campaignCreated('c1', programRules({ channelOverrides: { pos: { discount: { type: 'percent', rateBps: 1_500 } } }, landingUrl: LANDING }), day(-30)),
  p.campaignActivated('c1', day(-30)),
  p.campaignCreated('c-paused', programRules({ landingUrl: LANDING }), day(-30)),
  p.campaignActivated('c-paused', day(-30)),
  p.campaignPaused('c-paused', day(-2)),
  p.campaignCreated('c-no-landing', programRules(), day(-30)),
  p.campaignActivated('c-no-landing', day(-30)),
  p.influencerRegistered('i1', day(-30)),
  p.codeIssued({ code: 'SUMMER10', campaignId: 'c1', influencerId: 'i1', discount: { type: 'percent', rateBps: 1_000 }, issuedAt: day(-30) }),
  p.codeIssued({ code: 'ECOM5', campaignId: 'c1', influencerId: 'i1', channels: ['ecommerce'], discount: { type: 'fixed', amount: { amount: 500, currency: 'EUR' } }, issuedAt: day(-30) }),
  p.codeIssued({ code: 'OLD', campaignId: 'c1', influencerId: 'i1', validUntil: day(-1), issuedAt: day(-30) }),
  p.codeIssued({ code: 'SOON', campaignId: 'c1', influencerId: 'i1', validFrom: day(5), issuedAt: day(-30) }),
  p.codeIssued({ code: 'DEAD', campaignId: 'c1', influencerId: 'i1', issuedAt: day(-30) }),
  p.codeDeactivated('DEAD', day(-1)),
  p.codeIssued({ code: 'PAUSED', campaignId: 'c-paused', influencerId: 'i1', issuedAt: day(-30) }),
  p.codeIssued({ code: 'NOLAND', campaignId: 'c-no-landing', influencerId: 'i1', issuedAt: day(-30) }),
];
const otherOrg = new ProgramEvents('other-org');
const otherProgram: StreamAppend[] = [
  otherOrg.campaignCreated('c1', programRules({ landingUrl: LANDING }), day(-30)),
  otherOrg.campaignActivated('c1', day(-30)),
  otherOrg.influencerRegistered('i9', day(-30)),
  otherOrg.codeIssued({ code: 'THEIRS', campaignId: 'c1', influencerId: 'i9', issuedAt: day(-30) }),
];

async function seed(t: TestApp): Promise<ProgramCatalog> {
  await appendProgramEvents(t.eventStore, otherProgram);
  const position = await appendProgramEvents(t.eventStore, program);
  const catalog = t.app.get<ProgramCatalog>(PROGRAM_CATALOG);
  expect(await catalog.waitFor(position, 5_000)).toBe(true);
  return catalog;
}

/** The customer's stored touches, once every touch accepted so far is durable. */
async function touchesOf(t: TestApp, customerRef: string, org = ORG): Promise<RecordedEvent[]> {
  expect(await t.app.get(TouchEmitter).flush()).toBe(0);
  return t.eventStore.readStream(streamName('customer', org, customerRef));
}
const customer = () => `cust-${randomId()}`;

/** The query a shop's backend appends for a personalised link (ADR 0011), valid `days` after NOW. */
function signedCid(t: TestApp, link: { code: string; org?: string; cid: string; days?: number }): string {
  const exp = Math.floor(Date.parse(NOW) / 1000) + (link.days ?? 30) * 86_400;
  const sig = signShareLinkCid(t.runtime.config.shareLinkSecret!, { code: link.code, org: link.org ?? ORG, cid: link.cid, exp });
  return `cid=${encodeURIComponent(link.cid)}&exp=${exp}&sig=${sig}`;
}

describe('checkout with projections running (the whole product)', () => {
  let t: TestApp;
  let auth: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date(NOW)) });
    auth = await t.auth();
    await seed(t);
  });
  afterAll(() => t.close());

  const apply = (body: object) => request(t.server).post('/influencer/code/apply').set(auth).send(body);

  it('keeps idle keep-alive connections longer than load balancers do (a server closing one under a client’s next request fails it)', () => {
    expect(t.server.keepAliveTimeout).toBe(LIMITS.http.keepAliveTimeoutMs);
    expect(LIMITS.http.keepAliveTimeoutMs).toBeGreaterThan(60_000); // an ALB's idle timeout
    expect(t.server.headersTimeout).toBeGreaterThan(t.server.keepAliveTimeout);
  });

  it('runs one catalog per process although CatalogModule is both an HTTP and a worker capability', () => {
    const modules = [...t.app.get(ModulesContainer).values()].filter((m) => m.metatype === CatalogModule);
    expect(modules).toHaveLength(1);
  });

  it('a valid code: answer with discount, campaign, influencer and the touch id (no position: not durable yet); one code touch on the customer stream', async () => {
    const customerRef = customer();
    const res = await apply({ code: ' summer10 ', channel: 'ecommerce', customerRef, subtotal: 1_999 }).expect(200);
    expect(res.body).toEqual({
      valid: true,
      code: 'SUMMER10',
      kind: 'coupon',
      campaignId: 'c1',
      influencerId: 'i1',
      rulesVersion: 1,
      discount: { type: 'percent', rateBps: 1_000 },
      discountAmount: 200,
      touchId: expect.any(String),
      position: null,
    });
    const touches = await touchesOf(t, customerRef);
    expect(touches).toHaveLength(1);
    expect(touches[0]!.type).toBe('TouchRecorded');
    expect(touches[0]!.data).toEqual({
      touchId: touches[0]!.id,
      code: 'SUMMER10',
      codeKind: 'coupon',
      touchKind: 'code',
      campaignId: 'c1',
      influencerId: 'i1',
      channel: 'ecommerce',
      customerRef,
      occurredAt: NOW,
    });
    expect(touches[0]!.metadata).toMatchObject({ org: ORG, actorId: 'test-actor', occurredAt: NOW });
    expect(touches[0]!.id).toBe(res.body.touchId);
  });

  it.each([
    ['unknown_code', 'NOPE', 'ecommerce'],
    ['unknown_code', 'THEIRS', 'ecommerce'], // another org's code
    ['unknown_code', 'NOT A CODE!', 'ecommerce'],
    ['inactive', 'dead', 'ecommerce'],
    ['channel_not_eligible', 'ECOM5', 'pos'], // the code is ecommerce only
    ['channel_not_eligible', 'SUMMER10', 'wholesale'], // the campaign does not sell there
    ['expired', 'OLD', 'ecommerce'],
    ['not_yet_valid', 'SOON', 'ecommerce'],
    ['campaign_inactive', 'PAUSED', 'ecommerce'],
  ])('%s: %s on %s is refused with the reason and records nothing', async (reason, code, channel) => {
    const customerRef = customer();
    const res = await apply({ code, channel, customerRef }).expect(200);
    expect(res.body).toEqual({ valid: false, reason, position: null });
    expect(await touchesOf(t, customerRef)).toHaveLength(0);
  });

  it('judges validity at the given occurredAt (an offline till reporting later)', async () => {
    const res = await apply({ code: 'OLD', channel: 'ecommerce', customerRef: customer(), occurredAt: day(-2) }).expect(200);
    expect(res.body).toMatchObject({ valid: true, code: 'OLD' });
  });

  it('takes the discount from the campaign’s channel override, computed on a Money subtotal', async () => {
    const res = await apply({ code: 'SUMMER10', channel: 'pos', customerRef: customer(), subtotal: { amount: 1_000, currency: 'EUR' } }).expect(200);
    expect(res.body).toMatchObject({ valid: true, discount: { type: 'percent', rateBps: 1_500 }, discountAmount: { amount: 150, currency: 'EUR' } });
  });

  it('a fixed discount is capped at the subtotal, and not applied in another currency', async () => {
    const capped = await apply({ code: 'ECOM5', channel: 'ecommerce', customerRef: customer(), subtotal: 300 }).expect(200);
    expect(capped.body).toMatchObject({ valid: true, discount: { type: 'fixed', amount: { amount: 500, currency: 'EUR' } }, discountAmount: 300 });
    const usd = await apply({ code: 'ECOM5', channel: 'ecommerce', customerRef: customer(), subtotal: { amount: 1_000, currency: 'USD' } }).expect(200);
    expect(usd.body).toMatchObject({ valid: true, discountNotApplied: 'currency_mismatch' });
    expect(usd.body.discountAmount).toBeUndefined();
  });

  it('a retried checkout (same cartRef and code) records the touch exactly once', async () => {
    const customerRef = customer();
    const body = { code: 'SUMMER10', channel: 'ecommerce', customerRef, cartRef: 'cart-1' };
    const first = await apply(body).expect(200);
    const again = await apply({ ...body, code: 'summer10' }).expect(200);
    expect(again.body).toEqual(first.body); // the same touch id: one touch per (cart, code)
    expect(await touchesOf(t, customerRef)).toHaveLength(1);
    const later = await apply({ ...body, occurredAt: day(-0.01) }).expect(200); // same cart, other content: the first stands
    expect(later.body).toMatchObject({ valid: true, touchId: first.body.touchId, position: null });
    const touches = await touchesOf(t, customerRef);
    expect(touches).toHaveLength(1);
    expect(touches[0]!.data).toMatchObject({ cartRef: 'cart-1', occurredAt: NOW });
    expect(touches[0]!.metadata).toMatchObject({ sourceRef: 'cart-1' });

    await apply({ ...body, code: 'ECOM5' }).expect(200); // another code on the same cart is another touch
    expect(await touchesOf(t, customerRef)).toHaveLength(2);
  });

  it('400 names every bad field', async () => {
    const res = await apply({ code: 5, channel: 'tv', customerRef: '  ', cartRef: '', subtotal: -1, occurredAt: 'yesterday', extra: true }).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['cartRef', 'channel', 'code', 'customerRef', 'extra', 'occurredAt', 'subtotal']);

    const empty = await apply({}).expect(400);
    expect(empty.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['channel', 'code', 'customerRef']);

    const money = await apply({ code: 'SUMMER10', channel: 'pos', customerRef: 'c', subtotal: { amount: 1.5, currency: 'eur' } }).expect(400);
    expect(money.body.errors).toEqual([{ field: 'subtotal', problem: expect.stringContaining('minor units') }]);

    const future = await apply({ code: 'SUMMER10', channel: 'pos', customerRef: 'c', occurredAt: day(1) }).expect(400);
    expect(future.body.errors).toEqual([{ field: 'occurredAt', problem: expect.stringContaining('ahead of the server clock') }]);
  });

  it('documents the three operations in OpenAPI; the share link needs no token', async () => {
    const { body: doc } = await request(t.server).get('/docs/openapi.json').expect(200);
    expect(doc.paths['/influencer/code/apply'].post.requestBody).toBeDefined();
    expect(doc.paths['/influencer/touch/record'].post.responses['200']).toBeDefined();
    const share = doc.paths['/r/{code}'].get;
    expect(share.security).toEqual([]);
    const named = share.parameters.filter((q: { name?: string }) => q.name !== undefined); // $refs: the shared headers
    expect(named.map((q: { name: string }) => q.name).sort()).toEqual(['ch', 'cid', 'code', 'exp', 'o', 'sig']);
  });

  it('401 without a token', async () => {
    await request(t.server).post('/influencer/code/apply').send({ code: 'SUMMER10', channel: 'pos', customerRef: 'c' }).expect(401);
  });

  describe('touch/record', () => {
    const record = (body: object) => request(t.server).post('/influencer/touch/record').set(auth).send(body);

    it('records a tracker’s touch of a usable code once, however often it is reported', async () => {
      const customerRef = customer();
      const body = { code: 'summer10', kind: 'qr_scan', channel: 'pos', customerRef, occurredAt: day(-1) };
      const first = await record(body).expect(200);
      expect(first.body).toEqual({ recorded: true, touchId: expect.any(String), campaignId: 'c1', influencerId: 'i1', position: expect.stringMatching(/^\d+-\d+$/) });
      const again = await record(body).expect(200);
      expect(again.body).toEqual(first.body);
      const touches = await touchesOf(t, customerRef);
      expect(touches).toHaveLength(1);
      expect(touches[0]!.data).toMatchObject({ touchId: first.body.touchId, touchKind: 'qr_scan', code: 'SUMMER10', channel: 'pos', occurredAt: day(-1) });
    });

    it('answers recorded: false with the reason for an unknown or unusable code', async () => {
      const customerRef = customer();
      expect((await record({ code: 'NOPE', kind: 'click', channel: 'ecommerce', customerRef, occurredAt: NOW }).expect(200)).body).toEqual({ recorded: false, reason: 'unknown_code', position: null });
      expect((await record({ code: 'ECOM5', kind: 'in_store', channel: 'pos', customerRef, occurredAt: NOW }).expect(200)).body).toEqual({ recorded: false, reason: 'channel_not_eligible', position: null });
      expect(await touchesOf(t, customerRef)).toHaveLength(0);
    });

    it('400 names bad fields (a `code` touch is not reportable: it comes from code/apply)', async () => {
      const res = await record({ code: 'SUMMER10', kind: 'code', channel: 'ecommerce', customerRef: 'c' }).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['kind', 'occurredAt']);
    });
  });

  describe('GET /r/:code (public share link)', () => {
    const visit = (path: string) => request(t.server).get(path).redirects(0);

    it('redirects to the landing page, records a click for a new anonymous visitor and sets inf_cid', async () => {
      const res = await visit('/r/summer10?o=test-org').expect(302);
      expect(res.headers.location).toBe(LANDING);
      expect(res.headers['cache-control']).toBe('no-store');
      const cookie = String(res.headers['set-cookie']);
      const visitor = /inf_cid=([^;]+)/.exec(cookie)![1]!;
      expect(cookie).toMatch(/HttpOnly; SameSite=Lax/);
      const touches = await touchesOf(t, decodeURIComponent(visitor));
      expect(touches).toHaveLength(1);
      expect(touches[0]!.data).toMatchObject({ touchKind: 'click', code: 'SUMMER10', campaignId: 'c1', influencerId: 'i1', channel: 'ecommerce', occurredAt: NOW });
      expect(touches[0]!.metadata).toMatchObject({ org: ORG, actorId: 'anonymous:share-link' });

      // The same visitor again: the cookie names them, nothing new is set.
      const back = await visit('/r/SUMMER10?o=test-org').set('Cookie', `other=1; inf_cid=${visitor}`).expect(302);
      expect(back.headers['set-cookie']).toBeUndefined();
      expect(await touchesOf(t, decodeURIComponent(visitor))).toHaveLength(2);
    });

    it('records the click for a signed `cid` (personalised links), on the `ch` channel, without a cookie', async () => {
      const customerRef = customer();
      const res = await visit(`/r/SUMMER10?o=test-org&${signedCid(t, { code: 'SUMMER10', cid: customerRef })}&ch=pos&utm_source=ig`).expect(302);
      expect(res.headers['set-cookie']).toBeUndefined();
      const touches = await touchesOf(t, customerRef);
      expect(touches.map((e) => e.data)).toEqual([expect.objectContaining({ touchKind: 'click', channel: 'pos' })]);
    });

    it.each([
      ['unsigned', () => ''],
      ['forged (signed for another customer)', (cid: string) => signedCid(t, { code: 'SUMMER10', cid: `${cid}-x` }).replace(/^cid=[^&]*&/, '')],
      ['forged (signed for another code)', (cid: string) => signedCid(t, { code: 'ECOM5', cid }).replace(/^cid=[^&]*&/, '')],
      ['forged (garbage signature)', () => `exp=${Math.floor(Date.parse(NOW) / 1000) + 3_600}&sig=${'A'.repeat(43)}`],
      ['expired', (cid: string) => signedCid(t, { code: 'SUMMER10', cid, days: -1 }).replace(/^cid=[^&]*&/, '')],
    ])('a %s `cid` still redirects, but the click is anonymous: nothing is recorded for that customer', async (_name, signature) => {
      const customerRef = customer();
      const extra = signature(customerRef);
      const res = await visit(`/r/SUMMER10?o=test-org&cid=${customerRef}${extra ? `&${extra}` : ''}`).expect(302);
      expect(res.headers.location).toBe(LANDING);
      expect(await touchesOf(t, customerRef)).toHaveLength(0);
      const visitor = decodeURIComponent(/inf_cid=([^;]+)/.exec(String(res.headers['set-cookie']))![1]!);
      expect(visitor).toMatch(/^anon-/);
      expect(await touchesOf(t, visitor)).toHaveLength(1);
    });

    it('a cookie naming a customer (not one of our anonymous refs) is not believed either', async () => {
      const victim = customer();
      const res = await visit('/r/SUMMER10?o=test-org').set('Cookie', `inf_cid=${victim}`).expect(302);
      expect(await touchesOf(t, victim)).toHaveLength(0);
      expect(String(res.headers['set-cookie'])).toMatch(/inf_cid=anon-/);
    });

    it('HEAD (link previews) redirects without recording a click', async () => {
      const customerRef = customer();
      await request(t.server).head(`/r/SUMMER10?o=test-org&cid=${customerRef}`).redirects(0).expect(302);
      expect(await touchesOf(t, customerRef)).toHaveLength(0);
    });

    it.each([
      ['/r/NOPE?o=test-org', 404, 'SHARE_LINK_NOT_FOUND'],
      ['/r/THEIRS?o=test-org', 404, 'SHARE_LINK_NOT_FOUND'],
      ['/r/SUMMER10?o=nobody', 404, 'SHARE_LINK_NOT_FOUND'],
      ['/r/PAUSED?o=test-org', 404, 'SHARE_LINK_NOT_FOUND'],
      ['/r/DEAD?o=test-org', 404, 'SHARE_LINK_NOT_FOUND'],
      ['/r/NOLAND?o=test-org', 404, 'SHARE_LINK_NO_LANDING_PAGE'],
      ['/r/SUMMER10', 400, 'VALIDATION_FAILED'],
      ['/r/SUMMER10?o=test-org&ch=tv', 400, 'VALIDATION_FAILED'],
    ])('%s → %i %s, as problem+json', async (path, status, code) => {
      const res = await visit(path).expect(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe(code);
      expect(res.headers.location).toBeUndefined();
    });

    it('the other org’s link works for its own code', async () => {
      const res = await visit(`/r/THEIRS?o=other-org&${signedCid(t, { code: 'THEIRS', org: 'other-org', cid: 'x1' })}`).expect(302);
      expect(res.headers.location).toBe(LANDING);
      expect(await touchesOf(t, 'x1', 'other-org')).toHaveLength(1);
    });
  });
});

describe('checkout with the projections stopped (non-blocking checkout)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date(NOW)), runProjections: false });
  });
  afterAll(() => t.close());

  it('answers and records while no read model moves', async () => {
    await seed(t);
    const customerRef = customer();
    const res = await request(t.server).post('/influencer/code/apply').set(await t.auth()).send({ code: 'SUMMER10', channel: 'ecommerce', customerRef }).expect(200);
    expect(res.body).toMatchObject({ valid: true, campaignId: 'c1' });
    const touches = await touchesOf(t, customerRef);
    expect(touches).toHaveLength(1);
    const touched: Position = touches[0]!.position;
    expect(await t.runtime.progress.waitFor(touched, 100)).toBe(false); // the read models are behind the touch
  });

  it('X-Consistency-Position on code/apply waits for the catalog, never for the read models', async () => {
    const admin = await t.auth();
    const post = (path: string, body: object, position?: string) => {
      const req = request(t.server).post(`/influencer/${path}`).set(admin);
      return (position ? req.set('X-Consistency-Position', position) : req).send(body);
    };
    const campaign = await post('campaign/create', {
      name: 'Fresh', attribution: { model: 'last_touch', windowDays: 30 }, channels: ['ecommerce'],
      earnings: { type: 'percent', rateBps: 1_000 }, holdDays: 14, lockDays: 60, minPayout: { amount: 5_000, currency: 'EUR' },
    }).expect(201);
    await post('campaign/activate', { campaignId: campaign.body.id }).expect(200);
    const influencer = await post('profile/create', { name: 'Ada', email: `ada-${randomId()}@example.com` }).expect(201);
    const code = `FRESH${randomId().slice(0, 8).toUpperCase()}`;
    const created = await post('code/create', { campaignId: campaign.body.id, influencerId: influencer.body.id, code, kind: 'coupon' }).expect(201);
    // The read models are stopped, so a projection wait would end in 503; the catalog answers at once.
    const res = await post('code/apply', { code, channel: 'ecommerce', customerRef: customer() }, created.body.position).expect(200);
    expect(res.body).toMatchObject({ valid: true, campaignId: campaign.body.id, influencerId: influencer.body.id });
    expect(await t.runtime.progress.waitFor(parsePosition(created.body.position)!, 100)).toBe(false);
    await post('code/apply', { code, channel: 'ecommerce', customerRef: customer() }, 'not-a-position').expect(400);
  });
});

describe('checkout answers before its touch is durable (ADR 0016)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // A window far longer than the test: what is unflushed stays unflushed until asked.
    t = await startTestApp({ clock: new FixedClock(new Date(NOW)), runProjections: false, env: { TOUCH_FLUSH_WINDOW_MS: '600000' } });
    await seed(t);
  });
  afterAll(() => t.close());

  const unflushedGauge = async () => {
    const { text } = await request(t.server).get('/metrics').expect(200);
    return Number(/^ledger_checkout_touches_unflushed (\d+)$/m.exec(text)![1]);
  };

  it('code/apply and a share-link click answer while their touches wait in the emitter; /metrics counts them until they are flushed', async () => {
    const customerRef = customer();
    const res = await request(t.server).post('/influencer/code/apply').set(await t.auth()).send({ code: 'SUMMER10', channel: 'ecommerce', customerRef }).expect(200);
    expect(res.body).toMatchObject({ valid: true, position: null, touchId: expect.any(String) });
    const click = await request(t.server).get(`/r/SUMMER10?o=test-org&${signedCid(t, { code: 'SUMMER10', cid: customerRef })}`).redirects(0).expect(302);
    expect(click.headers.location).toBe(LANDING);

    expect(await t.eventStore.readStream(streamName('customer', ORG, customerRef))).toEqual([]);
    expect(await unflushedGauge()).toBe(2);
    expect(await t.app.get(TouchEmitter).flush()).toBe(0);
    const stored = await t.eventStore.readStream(streamName('customer', ORG, customerRef));
    expect(stored.map((e) => (e.data as { touchKind: string }).touchKind)).toEqual(['code', 'click']);
    expect(stored[0]!.id).toBe(res.body.touchId);
    expect(await unflushedGauge()).toBe(0);
    expect((await request(t.server).get('/metrics').expect(200)).text).toMatch(/^ledger_checkout_touches_flushed_total 2$/m);
  });

  it('touch/record stays durable: it answers with the position of its stored touch', async () => {
    const customerRef = customer();
    const res = await request(t.server).post('/influencer/touch/record').set(await t.auth())
      .send({ code: 'SUMMER10', kind: 'qr_scan', channel: 'pos', customerRef, occurredAt: day(-1) }).expect(200);
    const stored = await t.eventStore.readStream(streamName('customer', ORG, customerRef));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.position).toEqual(parsePosition(res.body.position));
  });
});
