// earning/hold (PlaceHold) and earning/release (ReleaseHold): the same selection of earnings, each
// decided on its influencer stream (the write model), all appended at once.
import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { EVENT_STORE, parseStreamName, type EventStore } from '@ledger/event-store';
import { DATABASE, eventMetadataFrom, withPosition, type RequestContext } from '@ledger/http';
import { CLOCK, LIMITS, NotFound, randomId, ValidationFailed, type Clock } from '@ledger/kernel';
import { earningsOf, type Earning, type EarningLedgerCommand } from '../../domain/earning-ledger';
import type { LedgerPartialDB } from '../../read-models/earning-ledger/earning-ledger.table';
import { decideOnInfluencers } from './decide-on-influencers';
import type { EarningSelectionAnswer, EarningSelectionRequest } from './earning-selection.request.dto';
import { influencerStream } from './ledger-streams';

export type SelectionCommand = { type: 'hold'; kind: 'manual' | 'fraud' } | { type: 'release' };

/** earningIds: exactly these (per stream); 'eligible': every earning of the stream the command applies to. */
type Selection = Map<string, string[] | 'eligible'>;

@Injectable()
export class EarningSelectionHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DATABASE) private readonly db: Kysely<LedgerPartialDB>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(ctx: RequestContext, request: EarningSelectionRequest, what: SelectionCommand): Promise<EarningSelectionAnswer> {
    const now = this.clock.now().toISOString();
    const selection = await this.select(ctx.org, request);
    const chosen = new Map<string, Earning[]>();
    let remaining = 0;
    const outcome = await decideOnInfluencers(this.store, [...selection.keys()], {
      commandsFor: (stream, state) => {
        const ids = selection.get(stream)!;
        let earnings: Earning[];
        if (ids === 'eligible') {
          const eligible = earningsOf(state).filter((e) => isEligible(e, what));
          earnings = eligible.slice(0, LIMITS.ledger.holdEarningsPerCommand);
          remaining = eligible.length - earnings.length;
        } else {
          // Unknown to the write model (cannot happen for ids the read model found): the decider's 404.
          earnings = ids.map((id) => state.earnings.get(id) ?? ({ earningId: id } as Earning));
        }
        chosen.set(stream, earnings);
        return earnings.map((e) => commandFor(what, e.earningId, request, now));
      },
      eventId: () => randomId(),
      metadata: () => eventMetadataFrom(ctx, { occurredAt: now }),
    });
    const earnings = outcome.decisions.flatMap((d) =>
      (chosen.get(d.stream) ?? []).map((e) => ({ earningId: e.earningId, influencerId: parseStreamName(d.stream).id, state: d.state.earnings.get(e.earningId)!.state })),
    );
    const changed = outcome.decisions.reduce((n, d) => n + d.events.length, 0);
    return withPosition({ earnings, changed, remaining }, outcome.position);
  }

  /** Which influencer streams, and which of their earnings; 404 for ids this org does not have. */
  private async select(org: string, request: EarningSelectionRequest): Promise<Selection> {
    const byIds = request.earningIds !== undefined;
    const byInfluencer = request.influencerId !== undefined;
    if (byIds === byInfluencer) {
      const problem = byIds ? 'give earningIds or influencerId, not both' : 'give earningIds or influencerId';
      throw new ValidationFailed([{ field: 'earningIds', problem }, { field: 'influencerId', problem }]);
    }
    if (request.influencerId !== undefined) {
      const stream = influencerStream(org, request.influencerId);
      if ((await this.store.streamRevision(stream)) === null) throw new NotFound('LEDGER.INFLUENCER_NOT_FOUND', `Influencer ${request.influencerId} does not exist.`);
      return new Map([[stream, 'eligible']]);
    }
    const ids = [...new Set(request.earningIds!.map((id) => id.toLowerCase()))];
    // The read model only says which stream holds each earning; the decision is made on the stream.
    const rows = await this.db
      .selectFrom('ledger_earning')
      .select(['earning_id', 'influencer_id'])
      .where('org', '=', org)
      .where('earning_id', 'in', ids)
      .limit(ids.length)
      .execute();
    const found = new Map(rows.map((r) => [r.earning_id.toLowerCase(), r.influencer_id]));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length > 0) throw new NotFound('LEDGER.EARNING_NOT_FOUND', `Unknown earning${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}.`);
    const selection: Selection = new Map();
    for (const id of ids) {
      const stream = influencerStream(org, found.get(id)!);
      const list = selection.get(stream);
      if (Array.isArray(list)) list.push(id);
      else selection.set(stream, [id]);
    }
    return selection;
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
