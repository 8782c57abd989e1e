// earning/release-due and its scheduler: period holds whose holdUntil has passed become payable.
// Candidates come from the read model; the decision is the write model's (ReleaseDueHolds on each
// influencer stream), so a stale candidate is harmless and a missing one waits for the next run.
import { Inject, Injectable } from '@nestjs/common';
import { sql, type Kysely } from 'kysely';
import { comparePositions, EVENT_STORE, type EventMetadata, type EventStore, type Position } from '@ledger/event-store';
import { DATABASE } from '@ledger/http';
import { LIMITS } from '@ledger/kernel';
import type { HoldReleased } from '@ledger/contracts';
import { holdExpiredIdOf } from '../../process-manager/earning-ids';
import type { LedgerPartialDB } from '../../read-models/earning-ledger/earning-ledger.table';
import { decideOnInfluencers } from '../shared/decide-on-influencers';
import { influencerStream } from '../shared/ledger-streams';

export interface ReleaseDueRun {
  /** One org (the HTTP command) or every org (the scheduler). */
  org?: string;
  asOf: string;
  metadata(org: string, event: HoldReleased): EventMetadata;
}

export interface ReleaseDueOutcome {
  influencers: number;
  released: number;
  /** More influencers had due holds than one run takes; run again. */
  more: boolean;
  position: Position | null;
}

/** ReleaseDueHolds rounds per influencer (each releases at most LIMITS.ledger.releaseDueBatch). */
const ROUNDS_PER_INFLUENCER = 100;

@Injectable()
export class ReleaseDueService {
  constructor(
    @Inject(DATABASE) private readonly db: Kysely<LedgerPartialDB>,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async run(run: ReleaseDueRun): Promise<ReleaseDueOutcome> {
    const limit = LIMITS.ledger.releaseDueInfluencersPerRun;
    let query = this.db
      .selectFrom('ledger_earning')
      .select(['org', 'influencer_id'])
      .where('state', '=', 'held')
      .where('hold_kind', '=', 'period')
      .where('hold_until', '<=', new Date(run.asOf));
    if (run.org !== undefined) query = query.where('org', '=', run.org);
    const candidates = await query.groupBy(['org', 'influencer_id']).orderBy(sql`min(hold_until)`).orderBy('org').orderBy('influencer_id').limit(limit + 1).execute();

    const outcome: ReleaseDueOutcome = { influencers: 0, released: 0, more: candidates.length > limit, position: null };
    for (const { org, influencer_id } of candidates.slice(0, limit)) {
      const stream = influencerStream(org, influencer_id);
      for (let round = 0; round < ROUNDS_PER_INFLUENCER; round++) {
        const decided = await decideOnInfluencers(this.store, [stream], {
          commandsFor: () => [{ type: 'ReleaseDueHolds', data: { asOf: run.asOf } }],
          // Deterministic in the hold: two runs (scheduler and HTTP) that race release each hold once.
          eventId: (_stream, event) => holdExpiredIdOf(org, event.data.earningId),
          metadata: (_stream, event) => run.metadata(org, event.data as HoldReleased),
        });
        const released = decided.decisions[0]!.events.length;
        outcome.released += released;
        if (decided.position && (outcome.position === null || comparePositions(decided.position, outcome.position) > 0)) outcome.position = decided.position;
        if (released < LIMITS.ledger.releaseDueBatch) break;
      }
      outcome.influencers += 1;
    }
    return outcome;
  }
}
