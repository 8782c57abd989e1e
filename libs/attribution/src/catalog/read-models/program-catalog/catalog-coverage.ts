// How far the catalog is complete: "every program event at or before this position is applied".
import { comparePositions, type Position } from '@ledger/event-store';

/**
 * Two cursors. `applied` is the last program event folded. `covered` ≥ `applied` also counts the
 * stretches of $all that hold no program event (orders, touches, earnings: most of $all), which
 * the catalog learns by reading the store head — without that a waiter for an order's position
 * would wait for the next program event, not for the catalog.
 */
export class CatalogCoverage {
  private appliedAt: Position | null = null;
  private coveredTo: Position | null = null;
  private readonly listeners = new Set<() => void>();

  get applied(): Position | null {
    return this.appliedAt;
  }

  get covered(): Position | null {
    return this.coveredTo;
  }

  /** True when the event at `position` was folded already (a replayed batch is skipped). */
  seen(position: Position): boolean {
    return this.appliedAt !== null && comparePositions(position, this.appliedAt) <= 0;
  }

  covers(position: Position): boolean {
    return this.coveredTo !== null && comparePositions(this.coveredTo, position) >= 0;
  }

  markApplied(position: Position): void {
    this.appliedAt = position;
    this.advance(position);
  }

  /** Only ever forward: a slow reader's older head must not move the cursor back. */
  advance(position: Position): void {
    if (this.covers(position)) return;
    this.coveredTo = position;
    for (const listener of [...this.listeners]) listener();
  }

  /** Resolves on the next advance, or after `ms`, whichever comes first. */
  nextAdvance(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.listeners.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.listeners.add(done);
    });
  }

  /** Wakes every waiter (shutdown): they re-check and time out on their own deadline. */
  wakeAll(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
