/**
 * Runs one fast-check property as several concurrent lanes (each its own fc.assert, seed `seed + lane`,
 * numRuns split evenly, full shrinking), so a property whose runs mostly wait on the app's asynchronous
 * followers gets its total number of runs in a fraction of the time. Every run is still a complete,
 * independent run against the real system (its own fresh orgs). A failure names the lane's seed, run count
 * and fast-check's path, and the counterexample, so `FC_SEED=<lane seed> FC_LANES=1 FC_RUNS=<runs>` replays it.
 */
import fc from 'fast-check';

export interface LanesOptions<T> {
  name: string;
  arbitrary: fc.Arbitrary<T>;
  predicate: (value: T, lane: number) => Promise<void>;
  numRuns: number;
  lanes: number;
  seed: number;
}

export async function assertInLanes<T>({ name, arbitrary, predicate, numRuns, lanes, seed }: LanesOptions<T>): Promise<void> {
  const count = Math.max(1, Math.min(lanes, numRuns));
  const runsOf = (lane: number) => Math.floor(numRuns / count) + (lane < numRuns % count ? 1 : 0);
  const outcomes = await Promise.allSettled(
    Array.from({ length: count }, (_, lane) =>
      fc.assert(
        fc.asyncProperty(arbitrary, (value) => predicate(value, lane)),
        { numRuns: runsOf(lane), seed: seed + lane, endOnFailure: process.env.FC_SHRINK === '0' },
      ),
    ),
  );
  const failures = outcomes.flatMap((outcome, lane) =>
    outcome.status === 'rejected'
      ? [`lane ${lane}: replay with FC_SEED=${seed + lane} FC_LANES=1 FC_RUNS=${runsOf(lane)}\n${describe(outcome.reason)}`]
      : [],
  );
  if (failures.length > 0) throw new Error(`${name}: ${failures.length} of ${count} lanes failed (seed ${seed}, ${numRuns} runs)\n\n${failures.join('\n\n')}`);
}

/** fast-check 4 keeps the predicate's own error as `cause`: show it, it says what differed. */
function describe(reason: unknown): string {
  const error = reason as Error & { cause?: unknown };
  const cause = error?.cause as Error | undefined;
  const message = error?.message ?? String(reason);
  return cause?.message ? `${message}\nGot error: ${cause.message}` : message;
}
