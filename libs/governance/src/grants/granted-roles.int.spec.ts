// Proves the EFFECTIVE_ROLES lookup on real PostgreSQL: grants projected by the real runner from events the real
// decider produced are in force over [validFrom, validUntil) — judged at instants passed in (an injected clock),
// 1 ms around each edge — revoked grants give nothing, orgs stay apart, the read model is replay-safe, and the
// cache serves for at most its TTL (process time injected) unless forget() drops the actor first.
import fc from 'fast-check';
import { sql, type Kysely } from 'kysely';
import type { Pool } from 'pg';
import { createDb, createTestDatabase, migrateToLatest, type TestDatabase } from '@ledger/db';
import { PostgresEventStore, type Position } from '@ledger/event-store';
import { evolveAll, randomId } from '@ledger/kernel';
import { ProjectionRunner, type ProjectionLogger } from '@ledger/projections';
import { grantDecider, type GrantCommand } from '../domain';
import { grantStream } from '../shared/governance-streams';
import { GrantedRoles } from './granted-roles';
import { governanceGrantProjection } from './read-models/governance-grant/governance-grant.projection';

const silent: ProjectionLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const owner = { actorId: 'olga', roles: ['inf_owner'] };
const CREATED_AT = '2026-06-01T00:00:00.000Z';
const FROM = '2026-07-01T00:00:00.000Z';
const UNTIL = '2026-08-01T00:00:00.000Z';
const ms = (iso: string, delta: number) => new Date(Date.parse(iso) + delta);

let database: TestDatabase;
let pool: Pool;
let db: Kysely<any>;
let store: PostgresEventStore;
let last: Position | null = null;

beforeAll(async () => {
  database = await createTestDatabase('ledger_governance');
  ({ pool, db } = createDb<any>(database.url));
  await migrateToLatest(db);
  store = new PostgresEventStore(pool);
});
afterAll(async () => {
  await store.close();
  await db.destroy();
  await database.drop();
});

/** Decides on the grant's stream with the real decider and appends what it decided. */
async function decide(org: string, command: GrantCommand): Promise<void> {
  const stream = grantStream(org, command.data.grantId);
  const past = await store.readStream(stream);
  const state = evolveAll(grantDecider, past.map((e) => ({ type: e.type, data: e.data }) as never));
  const events = grantDecider.decide(command, state);
  const metadata = { org, actorId: command.data.by.actorId, correlationId: randomId(), schemaVersion: 1, occurredAt: command.data.now };
  const result = await store.append(stream, events.map((e) => ({ id: randomId(), type: e.type, data: e.data as unknown as Record<string, unknown>, metadata })), { expectedRevision: 'any' });
  last = result.position;
}

async function project(): Promise<void> {
  const runner = new ProjectionRunner({ db, pool, eventStore: store, projections: [governanceGrantProjection], logger: silent, batchEvents: 2, idlePollMs: 10 });
  await runner.start();
  try {
    if (last && !(await runner.waitFor(last, 10_000))) throw new Error('governance_grant did not catch up');
  } finally {
    await runner.stop();
  }
}

const grant = (org: string, grantId: string, actorId: string, role: string, validFrom?: string, validUntil?: string): Promise<void> =>
  decide(org, { type: 'CreateGrant', data: { grantId, actorId, role, ...(validFrom ? { validFrom } : {}), ...(validUntil ? { validUntil } : {}), by: owner, now: CREATED_AT } });

beforeAll(async () => {
  await grant('acme', randomId(), 'fiona', 'inf_finance', FROM, UNTIL);
  await grant('acme', randomId(), 'fiona', 'inf_auditor', CREATED_AT);
  const revoked = randomId();
  await grant('acme', revoked, 'fiona', 'inf_admin', CREATED_AT);
  await decide('acme', { type: 'RevokeGrant', data: { grantId: revoked, reasonCode: 'left_team', by: owner, now: '2026-06-15T00:00:00.000Z' } });
  await grant('other', randomId(), 'fiona', 'inf_owner', CREATED_AT);
  await project();
});

describe('in force over [validFrom, validUntil), judged at the instant given', () => {
  // A fresh lookup each time: only the instant differs.
  const rolesAt = (at: Date) => new GrantedRoles(db).rolesAt('acme', 'fiona', at);

  it.each([
    ['1 ms before validFrom', ms(FROM, -1), ['inf_auditor']],
    ['exactly validFrom: in force (inclusive)', ms(FROM, 0), ['inf_auditor', 'inf_finance']],
    ['1 ms before validUntil', ms(UNTIL, -1), ['inf_auditor', 'inf_finance']],
    ['exactly validUntil: no longer (exclusive)', ms(UNTIL, 0), ['inf_auditor']],
  ])('%s', async (_what, at, expected) => {
    expect((await rolesAt(at)).sort()).toEqual(expected);
  });

  it('a revoked grant gives nothing, before or after its revocation (the read model keeps the fact, not the history)', async () => {
    expect(await rolesAt(new Date('2026-06-10T00:00:00.000Z'))).not.toContain('inf_admin');
  });

  it("another org's grant of the same actor id gives nothing here", async () => {
    expect(await rolesAt(ms(FROM, 0))).not.toContain('inf_owner');
    expect(await new GrantedRoles(db).rolesAt('other', 'fiona', ms(FROM, 0))).toEqual(['inf_owner']);
  });

  it('a scheduled grant starts at its instant even when the cache was filled before', async () => {
    const lookup = new GrantedRoles(db, { nowMs: () => 0 });
    expect(await lookup.rolesAt('acme', 'fiona', ms(FROM, -1))).toEqual(['inf_auditor']);
    expect((await lookup.rolesAt('acme', 'fiona', ms(FROM, 0))).sort()).toEqual(['inf_auditor', 'inf_finance']);
  });
});

it('property: the stored grant and the instant agree with [validFrom, validUntil) to the millisecond, edges included', async () => {
  const base = Date.parse('2026-09-01T00:00:00.000Z');
  let n = 0;
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 0, max: 10_000 }), fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: undefined }), fc.integer({ min: -2, max: 2 }), fc.boolean(), async (fromMs, lengthMs, deltaMs, atEnd) => {
      const actor = `prop-${n++}`;
      const validFrom = new Date(base + fromMs).toISOString();
      const validUntil = lengthMs === undefined ? undefined : new Date(base + fromMs + lengthMs).toISOString();
      await grant('acme', randomId(), actor, 'inf_viewer', validFrom, validUntil);
      await project();
      // Instants at and next to either edge: where an off-by-one in SQL or in JavaScript would show.
      const edge = atEnd && validUntil ? Date.parse(validUntil) : Date.parse(validFrom);
      const at = new Date(edge + deltaMs);
      const inForce = Date.parse(validFrom) <= at.getTime() && (validUntil === undefined || at.getTime() < Date.parse(validUntil));
      expect(await new GrantedRoles(db).rolesAt('acme', actor, at)).toEqual(inForce ? ['inf_viewer'] : []);
    }),
    { numRuns: 40 },
  );
});

describe('the cache', () => {
  it('serves a stale answer for at most its TTL, and none after forget()', async () => {
    let nowMs = 1_000;
    const lookup = new GrantedRoles(db, { nowMs: () => nowMs, ttlMs: 5_000 });
    const at = new Date('2026-06-20T00:00:00.000Z');
    expect(await lookup.rolesAt('acme', 'gus', at)).toEqual([]);
    await grant('acme', randomId(), 'gus', 'inf_viewer', CREATED_AT);
    await project();
    nowMs += 4_999;
    expect(await lookup.rolesAt('acme', 'gus', at)).toEqual([]); // still cached: another process's change, not yet seen
    nowMs += 1;
    expect(await lookup.rolesAt('acme', 'gus', at)).toEqual(['inf_viewer']); // TTL over: read again

    await grant('acme', randomId(), 'gus', 'inf_finance', CREATED_AT);
    await project();
    expect(await lookup.rolesAt('acme', 'gus', at)).toEqual(['inf_viewer']);
    lookup.forget('acme', 'gus'); // what a grant command of this process does before answering
    expect((await lookup.rolesAt('acme', 'gus', at)).sort()).toEqual(['inf_finance', 'inf_viewer']);
  });

  it('holds at most maxEntries actors', async () => {
    const lookup = new GrantedRoles(db, { maxEntries: 2 });
    const at = new Date('2026-06-20T00:00:00.000Z');
    for (const actor of ['a1', 'a2', 'a3', 'fiona']) await lookup.rolesAt('acme', actor, at);
    expect((lookup as unknown as { entries: Map<string, unknown> }).entries.size).toBe(2);
  });
});

it('the read model is replay-safe: applying every event again changes no row', async () => {
  const rows = async () => (await sql<Record<string, unknown>>`select * from governance_grant order by org, grant_id`.execute(db)).rows;
  const before = JSON.stringify(await rows());
  const events = await store.readAll({ after: null, maxCount: 1_000, filter: governanceGrantProjection.filter });
  await db.transaction().execute((trx) => governanceGrantProjection.apply(trx, events));
  expect(JSON.stringify(await rows())).toBe(before);
});
