// earning/hold (PlaceHold) and earning/release (ReleaseHold): the same selection of earnings, each
// decided on its own stream (the write model, ADR 0009), all appended at once.
import { Inject, Injectable } from '@nestjs/common';
import { sql, type Kysely } from 'kysely';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { withPosition } from '@ledger/http';
import { DATABASE, eventMetadataFrom, READ_MODEL_PROGRESS, type ReadModelProgress, type RequestContext } from '@ledger/runtime';
import { CLOCK, LIMITS, NotFound, randomId, ValidationFailed, type Clock } from '@ledger/kernel';
import type { Earning, EarningLedgerCommand } from '../../../domain/earning-ledger';
import type { LedgerPartialDB } from '../../read-models/earning-ledger/earning-ledger.table';
import { decideOnEarnings } from './decide-on-earnings';
import type { EarningSelectionAnswer, EarningSelectionRequest } from './earning-selection.request.dto';
import { earningStream, influencerStream } from './ledger-streams';

export type SelectionCommand = { type: 'hold'; kind: 'manual' | 'fraud' } | { type: 'release' };

/** The earning streams to decide on; `named`: the caller named them (unknown → 404), else found eligible in the read model. */
interface Selection {
  named: boolean;
  earningIds: string[];
  /** Eligible earnings the read model has beyond this selection (counted up to LIMITS.ledger.remainingCountMax). */
  remaining: number;
}

@Injectable()
export class EarningSelectionHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DATABASE) private readonly db: Kysely<LedgerPartialDB>,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(READ_MODEL_PROGRESS) private readonly progress: ReadModelProgress,
  ) {}

  async execute(ctx: RequestContext, request: EarningSelectionRequest, what: SelectionCommand): Promise<EarningSelectionAnswer> {
    const now = this.clock.now().toISOString();
    const selection = await this.select(ctx.org, request, what);
    const streams = selection.earningIds.map((id) => earningStream(ctx.org, id));
    const idOf = new Map(streams.map((stream, i) => [stream, selection.earningIds[i]!]));
    const chosen = new Set<string>();
    const outcome = await decideOnEarnings(this.store, streams, {
      // The stream name is the earning id, scoped to the org: an id of another org is not there either.
      refuse: (states) => {
        if (!selection.named) return;
        const missing = streams.filter((s) => states.get(s)!.earnings.size === 0).map((s) => idOf.get(s)!);
        if (missing.length > 0) throw new NotFound('LEDGER.EARNING_NOT_FOUND', `Unknown earning${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}.`);
      },
      commandsFor: (stream, state) => {
        const earning = state.earnings.get(idOf.get(stream)!);
        // Found by the read model: the write model has the last word on whether it is still eligible.
        if (!selection.named && (earning === undefined || !isEligible(earning, what))) return [];
        chosen.add(stream);
        return [commandFor(what, idOf.get(stream)!, request, now)];
      },
      eventId: () => randomId(),
      metadata: () => eventMetadataFrom(ctx, { occurredAt: now }),
    });
    const earnings = outcome.decisions
      .filter((d) => chosen.has(d.stream))
      .map((d) => {
        const earning = d.state.earnings.get(idOf.get(d.stream)!)!;
        return { earningId: earning.earningId, influencerId: earning.influencerId, state: earning.state };
      });
    const changed = outcome.decisions.reduce((n, d) => n + d.events.length, 0);
    return withPosition({ earnings, changed, remaining: selection.remaining }, outcome.position);
  }

  /** Which earnings: the ones named, or a bounded page of the influencer's eligible ones from the read model. */
  private async select(org: string, request: EarningSelectionRequest, what: SelectionCommand): Promise<Selection> {
    const byIds = request.earningIds !== undefined;
    const byInfluencer = request.influencerId !== undefined;
    if (byIds === byInfluencer) {
      const problem = byIds ? 'give earningIds or influencerId, not both' : 'give earningIds or influencerId';
      throw new ValidationFailed([{ field: 'earningIds', problem }, { field: 'influencerId', problem }]);
    }
    if (request.earningIds !== undefined) return { named: true, earningIds: [...new Set(request.earningIds.map((id) => id.toLowerCase()))], remaining: 0 };
    const influencerId = request.influencerId!;
    if ((await this.store.streamRevision(influencerStream(org, influencerId))) === null) {
      throw new NotFound('LEDGER.INFLUENCER_NOT_FOUND', `Influencer ${influencerId} does not exist.`);
    }
    // "Every earning of the influencer" means every one stored when the command came: the read model is
    // waited for (bounded) up to the store's head, so a hold placed a moment ago is seen. Past the wait
    // the page is what the read model has; the write model still decides each earning.
    const head = await this.store.headPosition();
    if (head !== null) await this.progress.waitFor(head, LIMITS.http.consistencyWaitMs);
    // Oldest accrual first (ties by id), as the write model used to list them; the page and the count
    // behind it are bounded, whatever the influencer's number of earnings.
    let query = this.db
      .selectFrom('ledger_earning')
      .select('earning_id')
      .where('org', '=', org)
      .where('influencer_id', '=', influencerId);
    query =
      what.type === 'release'
        ? query.where('state', '=', 'held')
        : query.where((eb) => eb.or([eb('state', 'in', ['pending', 'payable']), eb.and([eb('state', '=', 'held'), sql<boolean>`hold_kind is distinct from ${what.kind}`])]));
    const rows = await query
      .orderBy('occurred_at')
      .orderBy('earning_id')
      .limit(LIMITS.ledger.holdEarningsPerCommand + LIMITS.ledger.remainingCountMax)
      .execute();
    const page = rows.slice(0, LIMITS.ledger.holdEarningsPerCommand);
    return { named: false, earningIds: page.map((r) => r.earning_id.toLowerCase()), remaining: rows.length - page.length };
  }
}

/** What an influencer-wide hold or release applies to; named earnings are left to the decider (409 when it refuses). */
function isEligible(earning: Earning, what: SelectionCommand): boolean {
  if (what.type === 'release') return earning.state === 'held';
  if (earning.state === 'held') return earning.hold.kind !== what.kind;
  return earning.state === 'pending' || earning.state === 'payable';
}

function commandFor(what: SelectionCommand, earningId: string, request: EarningSelectionRequest, now: string): EarningLedgerCommand {
  const note = request.note === undefined ? {} : { note: request.note };
  return what.type === 'hold'
    ? { type: 'PlaceHold', data: { earningId, kind: what.kind, reasonCode: request.reasonCode, ...note, now } }
    : { type: 'ReleaseHold', data: { earningId, reasonCode: request.reasonCode, ...note, now } };
}
