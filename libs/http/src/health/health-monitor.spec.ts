// Proves /health's cost does not scale with its callers: concurrent callers share one computation, a result is
// served for LIMITS.http.healthCacheMs after it completed (stepped with a fixed clock, no sleeping), a failed
// computation is not kept, and a clock set back does not pin an old result.
import { FixedClock, LIMITS } from '@ledger/kernel';
import { HealthMonitor } from './health-monitor';
import type { HealthReport } from './health-report';

const report = (status: HealthReport['status']): HealthReport => ({
  status,
  checks: {
    database: { ok: true, ms: 1 },
    eventStore: { ok: true, ms: 1, head: null },
    projections: { ok: true, ms: 1, items: [] },
    parked: { ok: true, ms: 1, items: [] },
  },
});

/** A computation the test finishes by hand, counting how often it started. */
function controllable() {
  const pending: Array<{ resolve: (r: HealthReport) => void; reject: (e: Error) => void }> = [];
  let started = 0;
  const compute = () =>
    new Promise<HealthReport>((resolve, reject) => {
      started += 1;
      pending.push({ resolve, reject });
    });
  return { compute, started: () => started, finish: (r: HealthReport) => pending.shift()!.resolve(r), fail: (e: Error) => pending.shift()!.reject(e) };
}

it('100 concurrent callers share one computation and its answer', async () => {
  const probe = controllable();
  const monitor = new HealthMonitor(probe.compute, new FixedClock(new Date('2026-12-02T07:00:00Z')));
  const answers = Array.from({ length: 100 }, () => monitor.current());
  expect(probe.started()).toBe(1);
  probe.finish(report('ready'));
  const settled = await Promise.all(answers);
  expect(new Set(settled).size).toBe(1);
  expect(settled[0]).toMatchObject({ status: 'ready', computedAt: new Date('2026-12-02T07:00:00Z') });
});

it('serves the result for healthCacheMs after it completed, then computes again', async () => {
  const probe = controllable();
  const clock = new FixedClock(new Date('2026-12-02T07:00:00Z'));
  const monitor = new HealthMonitor(probe.compute, clock);
  const first = monitor.current();
  probe.finish(report('ready'));
  await first;

  clock.advanceMs(LIMITS.http.healthCacheMs - 1);
  expect((await monitor.current()).status).toBe('ready');
  expect(probe.started()).toBe(1);

  clock.advanceMs(1);
  const second = monitor.current();
  expect(probe.started()).toBe(2);
  probe.finish(report('degraded'));
  expect((await second).status).toBe('degraded');
});

it('a failed computation is not cached: the next caller computes again', async () => {
  const probe = controllable();
  const monitor = new HealthMonitor(probe.compute, new FixedClock(new Date('2026-12-02T07:00:00Z')));
  const first = monitor.current();
  probe.fail(new Error('boom'));
  await expect(first).rejects.toThrow('boom');
  const second = monitor.current();
  expect(probe.started()).toBe(2);
  probe.finish(report('ready'));
  expect((await second).status).toBe('ready');
});

it('a clock set back does not keep an old result forever', async () => {
  const probe = controllable();
  const clock = new FixedClock(new Date('2026-12-02T07:00:00Z'));
  const monitor = new HealthMonitor(probe.compute, clock);
  const first = monitor.current();
  probe.finish(report('ready'));
  await first;
  clock.advanceMs(-60_000);
  const second = monitor.current();
  expect(probe.started()).toBe(2);
  probe.finish(report('not_ready'));
  expect((await second).status).toBe('not_ready');
});
