// earning/release-due and its scheduler: period holds whose holdUntil has passed become payable.
// Candidates come from the read model, a bounded page at a time; the decision is the write model's
// (ReleaseDueHolds on each earning's stream, ADR 0009), so a stale candidate is harmless and a missing
// one waits for the next run.
import { Inject, Injectable } from '@nestjs/common';
import { sql, type Kysely } from 'kysely';
import { comparePositions, EVENT_STORE, type EventMetadata, type EventStore, type Position } from '@ledger/event-store';
import { DATABASE } from '@ledger/runtime';
import { LIMITS } from '@ledger/kernel';
import type { HoldReleased } from '@ledger/contracts';
import { holdExpiredIdOf } from '../../earning-ids';
import type { LedgerPartialDB } from '../../read-models/earning-ledger/earning-ledger.table';
import { decideOnEarnings } from '../shared/decide-on-earnings';
import { earningStream } from '../shared/ledger-streams';

export interface ReleaseDueRun {
  /** One org (the HTTP command) or every org (the scheduler). */
  org?: string;
  asOf: string;
  metadata(org: string, event: HoldReleased): EventMetadata;
}

export interface ReleaseDueOutcome {
  influencers: number;
  released: number;
  /** More holds were due than one run takes; run again. */
  more: boolean;
  position: Position | null;
}

/** Candidates per page: each page is one read of its earning streams and one append. */
const PAGE = Math.min(LIMITS.ledger.releaseDueBatch, LIMITS.ledger.earningStreamsPerCommand);

@Injectable()
export class ReleaseDueService {
  constructor(
    @Inject(DATABASE) private readonly db: Kysely<LedgerPartialDB>,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async run(run: ReleaseDueRun): Promise<ReleaseDueOutcome> {
    const outcome: ReleaseDueOutcome = { influencers: 0, released: 0, more: false, position: null };
    const influencers = new Set<string>();
    // Keyset paging: the read model lags what this run appends, so a page must never come round again.
    let after: { holdUntil: Date; earningId: string } | null = null;
    for (let seen = 0; ; ) {
      if (seen >= LIMITS.ledger.releaseDueEarningsPerRun) {
        outcome.more = (await this.page(run, after, 1)).length > 0;
        break;
      }
      const page = await this.page(run, after, Math.min(PAGE, LIMITS.ledger.releaseDueEarningsPerRun - seen));
      if (page.length === 0) break;
      seen += page.length;
      const last = page.at(-1)!;
      after = { holdUntil: last.hold_until!, earningId: last.earning_id };
      for (const [org, rows] of groupBy(page, (r) => r.org)) {
        const decided = await decideOnEarnings(
          this.store,
          rows.map((r) => earningStream(org, r.earning_id)),
          {
            commandsFor: () => [{ type: 'ReleaseDueHolds', data: { asOf: run.asOf } }],
            // Deterministic in the hold: two runs (scheduler and HTTP) that race release each hold once.
            eventId: (_stream, event) => holdExpiredIdOf(org, event.data.earningId),
            metadata: (_stream, event) => run.metadata(org, event.data as HoldReleased),
          },
        );
        for (const d of decided.decisions) {
          if (d.events.length === 0) continue;
          outcome.released += d.events.length;
          for (const earning of d.state.earnings.values()) influencers.add(`${org}\u0000${earning.influencerId}`);
        }
        if (decided.position && (outcome.position === null || comparePositions(decided.position, outcome.position) > 0)) outcome.position = decided.position;
      }
    }
    outcome.influencers = influencers.size;
    return outcome;
  }

  private page(run: ReleaseDueRun, after: { holdUntil: Date; earningId: string } | null, limit: number) {
    let query = this.db
      .selectFrom('ledger_earning')
      .select(['org', 'earning_id', 'hold_until'])
      .where('state', '=', 'held')
      .where('hold_kind', '=', 'period')
      .where('hold_until', '<=', new Date(run.asOf) as never);
    if (run.org !== undefined) query = query.where('org', '=', run.org);
    if (after !== null) query = query.where(sql<boolean>`(hold_until, earning_id) > (${after.holdUntil}, ${after.earningId}::uuid)`);
    return query.orderBy('hold_until').orderBy('earning_id').limit(limit).execute();
  }
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return groups;
}
