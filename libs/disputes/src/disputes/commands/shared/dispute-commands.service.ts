// Load → decide → append on a dispute's stream (executeOnStream), with the ledger's part of each step
// done first through DISPUTE_LEDGER: its event ids are deterministic in the dispute, so a retry after a
// failure between the two appends applies nothing twice.
import { Inject, Injectable } from '@nestjs/common';
import { comparePositions, EVENT_STORE, executeOnStream, foldStream, type EventStore, type Position } from '@ledger/event-store';
import { CLOCK, LIMITS, assert, deterministicId, type Clock } from '@ledger/kernel';
import { eventMetadataFrom, type RequestContext } from '@ledger/runtime';
import { disputeDecider, DisputeNotFound, type DisputeCommand, type DisputeEvent, type DisputeState } from '../../../domain/dispute';
import { DISPUTE_LEDGER, type DisputeLedger } from '../../dispute-ledger.port';
import { disputeStream } from '../../dispute-streams';
import { partnerOf } from '../../dispute-roles';

export interface DisputeStep {
  state: Exclude<DisputeState, { status: 'none' }>;
  position: Position | null;
}

@Injectable()
export class DisputeCommands {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DISPUTE_LEDGER) readonly ledger: DisputeLedger,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  now(): string {
    return this.clock.now().toISOString();
  }

  metadata(ctx: RequestContext) {
    return (now: string) => eventMetadataFrom(ctx, { occurredAt: now });
  }

  /** The dispute as its stream folds; a partner's view of another influencer's dispute is a 404. */
  async load(ctx: RequestContext, disputeId: string): Promise<Exclude<DisputeState, { status: 'none' }>> {
    const recorded = await this.store.readStream(disputeStream(ctx.org, disputeId), { maxCount: LIMITS.disputes.streamEventsMax + 1 });
    assert(recorded.length <= LIMITS.disputes.streamEventsMax, `dispute stream ${disputeId} holds more than its bound`);
    const state = foldStream(disputeDecider, recorded);
    const partner = partnerOf(ctx);
    if (state.status === 'none' || (partner !== null && state.influencerId !== partner)) throw new DisputeNotFound(disputeId);
    return state;
  }

  /** Decides and appends the command; `ledgerPosition` (the ledger's part) counts towards the answer's position. */
  async execute(ctx: RequestContext, disputeId: string, command: DisputeCommand, ledgerPosition: Position | null = null): Promise<DisputeStep> {
    const now = this.now();
    const outcome = await executeOnStream(this.store, disputeStream(ctx.org, disputeId), disputeDecider, command, {
      eventId: (event: DisputeEvent) => eventIdOf(ctx, disputeId, event),
      metadata: () => eventMetadataFrom(ctx, { occurredAt: now }),
    });
    const state = (await this.load(ctx, disputeId)) as DisputeStep['state'];
    const position = outcome.position === null ? ledgerPosition : ledgerPosition === null || comparePositions(outcome.position, ledgerPosition) > 0 ? outcome.position : ledgerPosition;
    return { state, position };
  }

  /** The decider's answer to a command without appending it: refuses (4xx) before the ledger is touched. */
  check(state: DisputeState, command: DisputeCommand): void {
    disputeDecider.decide(command, state);
  }
}

// Each dispute event happens once per dispute (a stream of at most three events): its id is its type.
function eventIdOf(ctx: RequestContext, disputeId: string, event: DisputeEvent): string {
  return deterministic(ctx.org, disputeId, event.type);
}

const deterministic = (org: string, disputeId: string, type: string) => deterministicId(org, 'dispute', disputeId, type);
