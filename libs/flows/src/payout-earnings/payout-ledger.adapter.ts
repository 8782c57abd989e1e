// PAYOUT_LEDGER for the payouts context: the earnings side of every payout decision goes through the ledger's
// own decider (FinalizeEarning, UnfinalizeEarning, MarkEarningPaid, ReturnPayment) and is appended with the
// batch's events in ONE atomic append — a batch never exists without its locks, a post never without its
// payments. The only code that knows both contexts (ARCHITECTURE "Contexts own their streams").
import { sql, type Kysely } from 'kysely';
import type { DomainEvent, PayoutDestination } from '@ledger/contracts';
import { decideAndAppend, type EventMetadata, type EventStore, type Position, type RecordedEvent } from '@ledger/event-store';
import { assert, deterministicId, LIMITS, randomId, type Decider, type EventShape } from '@ledger/kernel';
import {
  balanceOf,
  earningLedgerDecider,
  earningStream,
  isFinalizable,
  readEarningStreams,
  type Earning,
  type EarningLedgerCommand,
  type EarningLedgerEvent,
  type EarningLedgerState,
  type LedgerPartialDB,
} from '@ledger/ledger';
import {
  payoutBatchDecider,
  payoutBatchStream,
  type EarningStep,
  type PayoutBatchState,
  type PayoutDecision,
  type PayoutEarningView,
  type PayoutLedger,
  type PayoutSources,
} from '@ledger/payouts';
import type { ProgramsTables } from '@ledger/programs';

interface Combined {
  payout: PayoutBatchState;
  ledger: EarningLedgerState;
}

/** Folds any stream of a payout decision: the batch's with the payout decider, an earning's with the ledger's. */
const combined: Decider<never, EventShape, Combined, DomainEvent> = {
  decide: () => [],
  evolve: (state, event) => ({ payout: payoutBatchDecider.evolve(state.payout, event), ledger: earningLedgerDecider.evolve(state.ledger, event) }),
  initialState: () => ({ payout: payoutBatchDecider.initialState(), ledger: earningLedgerDecider.initialState() }),
};

export class PayoutLedgerAdapter implements PayoutLedger {
  constructor(
    private readonly store: EventStore,
    private readonly db: Kysely<LedgerPartialDB & ProgramsTables>,
  ) {}

  async sources(org: string, currency: string): Promise<PayoutSources> {
    const [earnings, held, campaigns] = await Promise.all([
      this.db
        .selectFrom('ledger_earning')
        .select(['earning_id', 'influencer_id', 'campaign_id', 'payable_minor'])
        .where('org', '=', org)
        .where('currency', '=', currency)
        .where('payout_batch_id', 'is', null)
        .where('state', 'in', ['payable', 'paid'])
        .where('payable_minor', '<>', 0)
        .orderBy('influencer_id')
        .orderBy('earning_id')
        .limit(LIMITS.payouts.candidateGroups)
        .execute(),
      this.db
        .selectFrom('ledger_earning')
        .select('influencer_id')
        .distinct()
        .where('org', '=', org)
        .where('state', '=', 'held')
        .where('hold_kind', '=', 'fraud')
        .limit(LIMITS.payouts.candidateGroups)
        .execute(),
      this.db
        .selectFrom('program_campaign')
        .select(['campaign_id', sql<{ amount: number; currency: string } | null>`rules->'minPayout'`.as('min_payout')])
        .where('org', '=', org)
        .limit(LIMITS.payouts.candidateGroups)
        .execute(),
    ]);
    const influencerIds = [...new Set(earnings.map((e) => e.influencer_id))];
    const destinations = new Map<string, PayoutDestination>();
    for (let i = 0; i < influencerIds.length; i += 5_000) {
      const rows = await this.db
        .selectFrom('program_payout_method')
        .select(['influencer_id', 'destination'])
        .where('org', '=', org)
        .where('influencer_id', 'in', influencerIds.slice(i, i + 5_000))
        .execute();
      for (const row of rows) destinations.set(row.influencer_id, row.destination as PayoutDestination);
    }
    const minPayouts = new Map<string, number>();
    // A minimum in another currency does not apply to this batch's.
    for (const row of campaigns) if (row.min_payout?.currency === currency) minPayouts.set(row.campaign_id, Number(row.min_payout.amount));
    return {
      earnings: earnings.map((e) => ({ earningId: e.earning_id, influencerId: e.influencer_id, campaignId: e.campaign_id, balance: Number(e.payable_minor) })),
      onHold: new Set(held.map((h) => h.influencer_id)),
      minPayouts,
      destinations,
    };
  }

  async earnings(org: string, earningIds: readonly string[]): Promise<Map<string, PayoutEarningView>> {
    const streams = earningIds.map((id) => earningStream(org, id));
    const read = await readEarningStreams(this.store, streams);
    const views = new Map<string, PayoutEarningView>();
    for (const stream of streams) {
      const state = fold(read.get(stream) ?? []);
      for (const earning of state.ledger.earnings.values()) views.set(earning.earningId, viewOf(earning));
    }
    return views;
  }

  async decide<T>(
    org: string,
    batchId: string,
    earningIds: readonly string[],
    metadata: EventMetadata,
    decide: (batch: PayoutBatchState, earnings: ReadonlyMap<string, PayoutEarningView>) => PayoutDecision<T>,
    retries?: number,
  ): Promise<{ result: T; position: Position | null; batch: PayoutBatchState }> {
    assert(earningIds.length <= LIMITS.payouts.earningsPerBatch, 'a payout decision locks a bounded number of earnings');
    const batchStream = payoutBatchStream(org, batchId);
    const streamOf = new Map(earningIds.map((id) => [id, earningStream(org, id)]));
    const earningStreams = [...new Set(streamOf.values())];
    let result: T | undefined;
    let batchAfter: PayoutBatchState | undefined;
    const outcome = await decideAndAppend<Combined, EventShape, { stream: string; events: EventShape[] }>(this.store, {
      // The batch stream last: its last event is then the append's last, and its position covers the earnings' events.
      streams: [...earningStreams, batchStream],
      decider: combined,
      read: async (store, streams) => {
        const read = new Map<string, readonly RecordedEvent[]>(await readEarningStreams(store, earningStreams));
        const batch = await store.readStream(batchStream, { maxCount: LIMITS.eventStore.streamReadMaxEvents });
        assert(batch.length < LIMITS.eventStore.streamReadMaxEvents, `payout batch ${batchId} exceeds the read limit`);
        read.set(batchStream, batch);
        assert(streams.length === earningStreams.length + 1, 'read what was asked');
        return read;
      },
      decide: (states) => {
        const batch = states.get(batchStream)!.payout;
        const ledgerOf = (earningId: string) => states.get(streamOf.get(earningId)!)!.ledger;
        const views = new Map<string, PayoutEarningView>();
        for (const earningId of earningIds) {
          const earning = ledgerOf(earningId).earnings.get(earningId);
          if (earning !== undefined) views.set(earningId, viewOf(earning));
        }
        const decision = decide(batch, views);
        result = decision.result;
        batchAfter = decision.events.reduce((s, e) => payoutBatchDecider.evolve(s, e), batch);
        const byStream = new Map<string, EarningLedgerEvent[]>();
        const stepStates = new Map<string, EarningLedgerState>();
        for (const step of decision.steps) {
          const stream = streamOf.get(step.earningId);
          assert(stream !== undefined, `step on earning ${step.earningId}, which was not loaded`);
          let state = stepStates.get(stream) ?? ledgerOf(step.earningId);
          for (const event of earningLedgerDecider.decide(commandOf(step, batchId, metadata.occurredAt), state)) {
            state = earningLedgerDecider.evolve(state, event);
            byStream.set(stream, [...(byStream.get(stream) ?? []), event]);
          }
          stepStates.set(stream, state);
        }
        return [...[...byStream].map(([stream, events]) => ({ stream, events })), { stream: batchStream, events: decision.events }];
      },
      eventId: (stream, event) => {
        // Each ledger step happens once per (earning, batch item): its id says so, and a re-append is a no-op.
        if (stream === batchStream) return randomId();
        const data = event.data as { earningId: string; batchId?: string; itemId?: string; payoutId?: string };
        return deterministicId(org, 'payout-earnings', event.type, data.earningId, data.payoutId ?? `${data.batchId}:${data.itemId}`);
      },
      metadata: () => metadata,
      ...(retries === undefined ? {} : { retries }),
    });
    return { result: result as T, position: outcome.position, batch: batchAfter! };
  }
}

function commandOf(step: EarningStep, batchId: string, now: string): EarningLedgerCommand {
  switch (step.kind) {
    case 'finalize':
      return { type: 'FinalizeEarning', data: { earningId: step.earningId, batchId, itemId: step.itemId, now } };
    case 'unfinalize':
      return { type: 'UnfinalizeEarning', data: { earningId: step.earningId, batchId, itemId: step.itemId, reasonCode: step.reasonCode, now } };
    case 'pay':
      return { type: 'MarkEarningPaid', data: { earningId: step.earningId, payoutId: `${batchId}:${step.itemId}`, now } };
    case 'return':
      return { type: 'ReturnPayment', data: { earningId: step.earningId, batchId, itemId: step.itemId, reasonCode: step.reasonCode, now } };
  }
}

function fold(events: readonly RecordedEvent[]): Combined {
  let state = combined.initialState();
  for (const e of events) state = combined.evolve(state, { type: e.type, data: e.data } as unknown as DomainEvent);
  return state;
}

function viewOf(earning: Earning): PayoutEarningView {
  return {
    earningId: earning.earningId,
    influencerId: earning.influencerId,
    campaignId: earning.campaignId,
    currency: earning.currency,
    state: earning.state,
    balance: balanceOf(earning),
    finalizable: isFinalizable(earning),
    held: earning.state === 'held',
    lockedTo: earning.finalized,
  };
}
