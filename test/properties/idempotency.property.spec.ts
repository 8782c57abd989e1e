// Proves over HTTP on real PostgreSQL that an SCM fact delivered N times (1–5, via order/* and scm/ingest) changes state once: after the first delivery of every fact, further copies append no event to the order and influencer streams and leave the ledger unchanged (fast-check, fixed seed, 200 runs in 4 concurrent lanes, a fresh org per run).
import fc from 'fast-check';
import { FixedClock } from '@ledger/kernel';
import { startTestApp, type TestApp } from '../support/app';
import type { Delivery, ScmFact } from '../support/ledger-api';
import { caseArb, conservationProblems, deliver, describeFact, eventCounts, factsOf, ledgerOf, T0, WorldPool, type GenCase, type Step } from '../support/property-world';
import { assertInLanes } from '../support/lanes';
import { settleOrg } from '../support/settle';

const NUM_RUNS = Number(process.env.FC_RUNS ?? 200);
const SEED = Number(process.env.FC_SEED ?? 1_234_567);
const LANES = Number(process.env.FC_LANES ?? 4);

let t: TestApp;
let pools: WorldPool[];
beforeAll(async () => {
  t = await startTestApp({ clock: new FixedClock(new Date(T0)), captureLogs: true, logLevel: 'warn' }); // warnings explain a failed settle
  pools = Array.from({ length: LANES }, (_, lane) => new WorldPool(t, `idem${lane}`, 8));
}, 120_000);
afterAll(() => t?.close());

interface Scenario {
  case: GenCase;
  facts: ScmFact[];
  /** First deliveries, one per fact, in order (orders, returns, cancellations). */
  first: Step[];
  /** The N−1 further copies of each fact, permuted. */
  again: Step[];
}

const scenarioArb: fc.Arbitrary<Scenario> = caseArb(2).chain((c) => {
  const { orders, returns, cancels } = factsOf(c);
  const facts = [...orders, ...returns, ...cancels];
  const n = facts.length;
  return fc
    .tuple(
      fc.array(fc.integer({ min: 1, max: 5 }), { minLength: n, maxLength: n }),
      fc.array(fc.constantFrom<Delivery>('http', 'ingest'), { minLength: n, maxLength: n }),
    )
    .chain(([copies, firstVias]) => {
      const extra = copies.flatMap((k, fact) => Array.from({ length: k - 1 }, () => fact));
      return fc
        .tuple(
          fc.shuffledSubarray(extra, { minLength: extra.length, maxLength: extra.length }),
          fc.array(fc.constantFrom<Delivery>('http', 'ingest'), { minLength: extra.length, maxLength: extra.length }),
        )
        .map(([permuted, vias]) => {
          const scenario: Scenario = {
            case: c,
            facts,
            first: facts.map((_, fact) => ({ fact, via: firstVias[fact]! })),
            again: permuted.map((fact, i) => ({ fact, via: vias[i]! })),
          };
          return Object.assign(scenario, {
            [fc.toStringMethod]: () =>
              [
                'facts:',
                ...facts.map((f, i) => `  #${i} ${describeFact(f)} ×${copies[i]}  ${JSON.stringify(f.type === 'OrderPlaced' ? { channel: f.channel, customerRef: f.customerRef, codes: f.codes, lines: f.lines } : 'lines' in f ? { lines: f.lines } : {})}`),
                `first: ${scenario.first.map((s) => `${s.via}:#${s.fact}`).join(' → ')}`,
                `again: ${scenario.again.map((s) => `${s.via}:#${s.fact}`).join(' → ') || '(nothing: every fact once)'}`,
              ].join('\n'),
          });
        });
    });
});

let duplicatesDelivered = 0;
let runsWithEarnings = 0;

it(`an SCM fact delivered N times changes state once (${NUM_RUNS} runs in ${LANES} lanes, seed ${SEED})`, async () => {
  const started = Date.now();
  const predicate = async ({ case: c, facts, first, again }: Scenario, lane: number): Promise<void> => {
    const world = await pools[lane]!.take();
    const orderIds = c.orders.map((o) => o.id);

    const p1 = await deliver(world.api, facts, first);
    await settleOrg(t, world.org);
    const counts1 = await eventCounts(t, world, orderIds);
    const ledger1 = (await ledgerOf(world, p1)).snapshot;

    // Once: exactly one of each fact in its order stream, one decision, and per earning one accrual and one period hold.
    for (const o of c.orders) {
      expect(counts1[`order ${o.id}`]).toEqual({
        OrderRecorded: 1,
        AttributionDecided: 1,
        ...(c.returns.some((r) => r.order === o.id) ? { OrderReturned: c.returns.filter((r) => r.order === o.id).length } : {}),
        ...(c.cancelled.includes(o.id) ? { OrderCancelled: 1 } : {}),
      });
    }
    const earnings = Object.keys(ledger1.earnings).length;
    const accrued = Object.values(counts1).reduce((sum, byType) => sum + (byType.EarningAccrued ?? 0), 0);
    const holds = Object.values(counts1).reduce((sum, byType) => sum + (byType.HoldPlaced ?? 0), 0);
    expect({ accrued, holds }).toEqual({ accrued: earnings, holds: earnings });
    expect(conservationProblems(ledger1)).toEqual([]);

    // N−1 more copies, any door, any order: nothing more is appended and the ledger is the same.
    const p2 = await deliver(world.api, facts, again);
    await settleOrg(t, world.org);
    expect(await eventCounts(t, world, orderIds)).toEqual(counts1);
    expect((await ledgerOf(world, p2 ?? p1)).snapshot).toEqual(ledger1);

    duplicatesDelivered += again.length;
    if (earnings > 0) runsWithEarnings++;
  };
  await assertInLanes({ name: 'idempotency', arbitrary: scenarioArb, predicate, numRuns: NUM_RUNS, lanes: LANES, seed: SEED });
  console.log(`idempotency: ${NUM_RUNS} runs in ${((Date.now() - started) / 1000).toFixed(1)} s (${LANES} lanes), seed ${SEED}; ${duplicatesDelivered} duplicate deliveries, ${runsWithEarnings} runs with earnings`);
  expect(duplicatesDelivered).toBeGreaterThan(NUM_RUNS);
  expect(runsWithEarnings).toBeGreaterThan(NUM_RUNS * 0.5);
}, 600_000);
