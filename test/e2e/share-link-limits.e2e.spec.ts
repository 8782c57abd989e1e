// Proves the share link's rate limits over real HTTP: per (org, code) and per client address, 429 problem+json with
// Retry-After, a refused visit records nothing, and the buckets refill as the (injected) clock moves; X-Forwarded-For
// names the client only behind a trusted proxy (TRUST_PROXY).
import { Global, Module } from '@nestjs/common';
import request from 'supertest';
import { appendProgramEvents, PROGRAM_CATALOG, programRules, ProgramEvents, SHARE_LINK_RATE_BOUNDS, type ProgramCatalog, type ShareLinkRateBounds } from '@ledger/attribution';
import { FixedClock } from '@ledger/kernel';
import { startTestApp, type TestApp } from '../support/app';

const NOW = '2026-03-10T12:00:00.000Z';
const LANDING = 'https://shop.example/summer';
const BOUNDS: ShareLinkRateBounds = {
  perIp: { burst: 4, perMinute: 60, maxKeys: 100 },
  perCode: { burst: 2, perMinute: 60, maxKeys: 100 },
};

@Global()
@Module({ providers: [{ provide: SHARE_LINK_RATE_BOUNDS, useValue: BOUNDS }], exports: [SHARE_LINK_RATE_BOUNDS] })
class SmallBoundsModule {}

const clock = new FixedClock(new Date(NOW));
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock, runProjections: false, modules: [SmallBoundsModule] });
  await seed(t);
});
afterAll(() => t.close());

async function seed(app: TestApp): Promise<void> {
  const p = new ProgramEvents('test-org');
  const position = await appendProgramEvents(app.eventStore, [
    p.campaignCreated('c1', programRules({ landingUrl: LANDING }), '2026-01-01T00:00:00.000Z'),
    p.campaignActivated('c1', '2026-01-01T00:00:00.000Z'),
    p.influencerRegistered('i1', '2026-01-01T00:00:00.000Z'),
    p.codeIssued({ code: 'ONE', campaignId: 'c1', influencerId: 'i1', issuedAt: '2026-01-01T00:00:00.000Z' }),
    p.codeIssued({ code: 'TWO', campaignId: 'c1', influencerId: 'i1', issuedAt: '2026-01-01T00:00:00.000Z' }),
  ]);
  expect(await app.app.get<ProgramCatalog>(PROGRAM_CATALOG).waitFor(position, 5_000)).toBe(true);
}

const visit = (code: string) => request(t.server).get(`/r/${code}?o=test-org`).redirects(0);
const clicks = async () => (await t.eventStore.readAll({ maxCount: 10_000 })).filter((e) => e.type === 'TouchRecorded').length;

function expect429(res: request.Response, retryAfter: string): void {
  expect(res.status).toBe(429);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status: 429, code: 'SHARE_LINK_RATE_LIMITED' });
  expect(res.headers['retry-after']).toBe(retryAfter);
  expect(res.headers.location).toBeUndefined();
}

it('per code, then per address; a refused visit records nothing; both refill with time', async () => {
  await visit('ONE').expect(302);
  await visit('one').expect(302); // the same code, however it is typed
  const before = await clicks();
  expect429(await visit('ONE'), '1');
  expect(await clicks()).toBe(before);
  await visit('TWO').expect(302); // another code has its own bucket; this address has now spent its 4
  expect429(await visit('TWO'), '1');
  expect429(await visit('NOPE'), '1'); // probing unknown codes costs a visit too
  expect429(await visit('TWO').set('X-Forwarded-For', '203.0.113.7'), '1'); // no trusted proxy: the header changes nothing

  clock.advanceMs(2_000); // two tokens back per bucket
  await visit('ONE').expect(302);
  await visit('TWO').expect(302);
});

@Global()
@Module({ providers: [{ provide: SHARE_LINK_RATE_BOUNDS, useValue: { perIp: { burst: 1, perMinute: 1, maxKeys: 100 }, perCode: { burst: 100, perMinute: 60, maxKeys: 100 } } }], exports: [SHARE_LINK_RATE_BOUNDS] })
class OneVisitPerAddressModule {}

describe('behind a trusted proxy (TRUST_PROXY=loopback)', () => {
  let proxied: TestApp;
  beforeAll(async () => {
    proxied = await startTestApp({ clock: new FixedClock(new Date(NOW)), runProjections: false, modules: [OneVisitPerAddressModule], env: { TRUST_PROXY: 'loopback' } });
    await seed(proxied);
  });
  afterAll(() => proxied.close());

  it('limits each forwarded client address on its own', async () => {
    const from = (ip: string) => request(proxied.server).get('/r/ONE?o=test-org').redirects(0).set('X-Forwarded-For', ip);
    await from('198.51.100.1').expect(302);
    expect429(await from('198.51.100.1'), '60');
    await from('198.51.100.2').expect(302);
  });
});
