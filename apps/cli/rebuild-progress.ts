import type { Position } from '@ledger/event-store';
import type { CliIo } from './cli-io';

/** How often a long rebuild reports where it is (ms). */
const REPORT_EVERY_MS = 5_000;

/**
 * Progress lines for a rebuild on stderr (stdout keeps one result line per projection):
 * `{"progress":"rebuild","eventsRead":…,"eventsPerSecond":…,"etaSeconds":…,"position":"…"}`.
 * The ETA is the distance left to the head in $all positions (the PostgreSQL store numbers events
 * one by one, so it counts events, other projections' included) divided by the current rate.
 */
export function rebuildProgress(io: CliIo, now: () => number = Date.now): (p: { eventsRead: number; position: Position; upTo: Position }) => void {
  const started = now();
  let lastReport = started;
  let first: Position | null = null;
  return ({ eventsRead, position, upTo }) => {
    first ??= position;
    const at = now();
    const done = position.commit === upTo.commit && position.prepare === upTo.prepare;
    if (!done && at - lastReport < REPORT_EVERY_MS) return;
    lastReport = at;
    const seconds = Math.max(0.001, (at - started) / 1_000);
    const eventsPerSecond = Math.round(eventsRead / seconds);
    const left = Number(upTo.prepare - position.prepare);
    const etaSeconds = done ? 0 : eventsPerSecond > 0 && left >= 0 ? Math.round(left / eventsPerSecond) : null;
    io.err(JSON.stringify({ progress: 'rebuild', eventsRead, eventsPerSecond, etaSeconds, position: `${position.commit}-${position.prepare}` }));
  };
}
