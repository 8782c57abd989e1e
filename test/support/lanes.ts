/**
 * Runs one fast-check property as several concurrent lanes (each its own fc.assert, seed `seed + lane`,
 * numRuns split evenly, full shrinking), so a property whose runs mostly wait on the app's asynchronous
 * followers gets its total number of runs in a fraction of the time. Every run is still a complete,
 * independent run against the real system (its own fresh orgs). A failure names the lane's seed, run count
 * and fast-check's path, and the counterexample, so `FC_SEED=<lane seed> FC_LANES=1 FC_RUNS=<runs>` replays it.
 *
 * A failure that leaves the whole app stuck (a background follower that no longer moves, so every later run
 * would time out) is fatal: later runs and shrinking are skipped — shrinking against a stuck app would only
 * "shrink" to whatever fails first — and the counterexample reported is the run that got it stuck.
 */
import fc from 'fast-check';

export interface LanesOptions<T> {
  name: string;
  arbitrary: fc.Arbitrary<T>;
  predicate: (value: T, lane: number) => Promise<void>;
  numRuns: number;
  lanes: number;
  seed: number;
  /** Whether an error of the predicate means the app itself is stuck (default: a settle timeout). */
  isFatal?: (error: unknown) => boolean;
  /** fast-check stops (and reports what it has) after this long; below jest's test timeout. */
  timeLimitMs?: number;
}

const settleTimeout = (error: unknown): boolean => /not settled within/.test((error as Error)?.message ?? '');

export async function assertInLanes<T>({ name, arbitrary, predicate, numRuns, lanes, seed, isFatal = settleTimeout, timeLimitMs = 480_000 }: LanesOptions<T>): Promise<void> {
  const count = Math.max(1, Math.min(lanes, numRuns));
  const runsOf = (lane: number) => Math.floor(numRuns / count) + (lane < numRuns % count ? 1 : 0);
  let fatal: { lane: number; error: unknown } | null = null;
  const guarded = async (value: T, lane: number): Promise<void> => {
    if (fatal) return; // the app is stuck: nothing more can be learnt from it
    try {
      await predicate(value, lane);
    } catch (error) {
      if (!fatal && isFatal(error)) fatal = { lane, error };
      throw error;
    }
  };
  const outcomes = await Promise.allSettled(
    Array.from({ length: count }, (_, lane) =>
      fc.assert(
        fc.asyncProperty(arbitrary, (value) => guarded(value, lane)),
        { numRuns: runsOf(lane), seed: seed + lane, endOnFailure: process.env.FC_SHRINK === '0', interruptAfterTimeLimit: timeLimitMs, markInterruptAsFailure: true },
      ),
    ),
  );
  const failures = outcomes.flatMap((outcome, lane) =>
    outcome.status === 'rejected' ? [`lane ${lane}: replay with FC_SEED=${seed + lane} FC_LANES=1 FC_RUNS=${runsOf(lane)}\n${describe(outcome.reason)}`] : [],
  );
  const stuck = fatal as { lane: number; error: unknown } | null;
  const preface = stuck ? `the app got stuck in lane ${stuck.lane} (later runs and shrinking skipped): ${(stuck.error as Error)?.message?.split('\n')[0]}\n\n` : '';
  if (failures.length > 0 || stuck) throw new Error(`${name}: ${failures.length} of ${count} lanes failed (seed ${seed}, ${numRuns} runs)\n${preface}${failures.join('\n\n')}`);
}

/** fast-check 4 keeps the predicate's own error as `cause`: show it, it says what differed. */
function describe(reason: unknown): string {
  const error = reason as Error & { cause?: unknown };
  const cause = error?.cause as Error | undefined;
  const message = error?.message ?? String(reason);
  return cause?.message ? `${message}\nGot error: ${cause.message}` : message;
}
