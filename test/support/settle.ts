/**
 * Waits, bounded, until the whole app is quiet: every checkpointed follower of `$all` (the projections and any
 * background worker that keeps its checkpoint in `projection_checkpoint`) has passed the event store's head,
 * and the head did not move meanwhile — so the asynchronous attribution/earnings process manager has done
 * everything the facts so far call for, and the read models show it. Not a sleep: it returns as soon as the
 * checkpoints pass the head, and fails loudly (naming the laggards) after `timeoutMs`.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { sql } from 'kysely';
import { comparePositions, formatPosition, type Position } from '@ledger/event-store';
import type { TestApp } from './app';

export interface SettleOptions {
  timeoutMs?: number;
  /** How often checkpoints are re-read. */
  pollMs?: number;
  /**
   * Followers that keep no checkpoint in `projection_checkpoint` cannot be observed; for them the head must
   * also stay unchanged this long after every checkpoint passed it. 0 when every follower is checkpointed.
   */
  quietMs?: number;
}

async function checkpoints(t: TestApp): Promise<Array<{ name: string; position: Position | null }>> {
  const rows = await sql<{ name: string; commit_position: string | null; prepare_position: string | null }>`
    select name, commit_position::text, prepare_position::text from projection_checkpoint limit 1000`.execute(t.db);
  return rows.rows.map((r) => ({
    name: r.name,
    position: r.commit_position === null || r.prepare_position === null ? null : { commit: BigInt(r.commit_position), prepare: BigInt(r.prepare_position) },
  }));
}

export async function settle(t: TestApp, options: SettleOptions = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const pollMs = options.pollMs ?? 10;
  const quietMs = options.quietMs ?? DEFAULT_QUIET_MS;
  const deadline = Date.now() + timeoutMs;
  let behind: string[] = [];
  for (;;) {
    const head = await t.eventStore.headPosition();
    if (head === null) return;
    behind = (await checkpoints(t)).filter((c) => c.position === null || comparePositions(c.position, head) < 0).map((c) => c.name);
    if (behind.length === 0) {
      if (quietMs > 0) await delay(quietMs);
      const again = await t.eventStore.headPosition();
      if (again !== null && comparePositions(again, head) === 0) return;
    } else {
      await delay(pollMs);
    }
    if (Date.now() > deadline) {
      throw new Error(`not settled within ${timeoutMs} ms: head ${formatPosition(head)}, behind: ${behind.join(', ') || '(head kept moving)'}`);
    }
  }
}

/** Set once every background follower is known to checkpoint in projection_checkpoint (see the report). */
export const DEFAULT_QUIET_MS = 0;
