// A flag's effects on the ledger, through the ledger's decider on each earning's stream: raised → fraud holds
// (kept past holdUntil: release-due releases period holds only); reviewed → released, or the flagged order's
// earnings clawed back with the flag as reference and the rest released. Never without a person's review.
import type { FraudFlagRaised, FraudFlagReviewed } from '@ledger/contracts';
import { decideAndAppend, foldStream, parseStreamName, type EventStore, type RecordedEvent } from '@ledger/event-store';
import { deterministicId } from '@ledger/kernel';
import { earningLedgerDecider, earningStream, readEarningStreams, type Earning, type EarningLedgerCommand, type EarningLedgerEvent, type EarningLedgerState } from '@ledger/ledger';
import { fraudFlagDecider, fraudFlagStream } from '@ledger/fraud';
import { reviewMetadata, systemMetadata } from './fraud-facts';

/** Places a fraud hold on every earning the flag names that can still be held. Returns events appended. */
export async function holdFlaggedEarnings(store: EventStore, raisedEvent: RecordedEvent): Promise<number> {
  const { org } = parseStreamName(raisedEvent.stream);
  const flag = raisedEvent.data as unknown as FraudFlagRaised;
  const reasonCode = `fraud_${flag.rule}`;
  return onEarnings(store, org, flag.earningIds, {
    commandsFor: (earning) =>
      holdable(earning) ? [{ type: 'PlaceHold', data: { earningId: earning.earningId, kind: 'fraud', reasonCode, note: `fraud flag ${flag.flagId}`, now: flag.at } }] : [],
    eventId: (earningId, event) => deterministicId(org, 'fraud-hold', flag.flagId, earningId, event.type),
    metadata: () => systemMetadata(org, raisedEvent, flag.at, reasonCode),
  });
}

/** Carries out a review: release the flag's fraud holds, or claw back the flagged order's earnings (and release the rest). */
export async function applyReview(store: EventStore, reviewedEvent: RecordedEvent): Promise<number> {
  const { org } = parseStreamName(reviewedEvent.stream);
  const review = reviewedEvent.data as unknown as FraudFlagReviewed;
  const state = foldStream(fraudFlagDecider, await store.readStream(fraudFlagStream(org, review.flagId)));
  if (state.status === 'none') throw new Error(`review of fraud flag ${review.flagId}, never raised`);
  const flag = state.flag;
  const note = review.note === undefined ? {} : { note: review.note };
  return onEarnings(store, org, flag.earningIds, {
    commandsFor: (earning): EarningLedgerCommand[] => {
      if (review.decision === 'reverse' && flag.orderId !== undefined && earning.orderId === flag.orderId) {
        return [{ type: 'ClawBack', data: { earningId: earning.earningId, cumulative: earning.amount, reference: { kind: 'fraud', id: flag.flagId }, reasonCode: review.reasonCode, occurredAt: review.at } }];
      }
      // Only this kind of hold is ours to end: a manual hold placed since stays for finance.
      if (earning.state === 'held' && earning.hold.kind === 'fraud') {
        return [{ type: 'ReleaseHold', data: { earningId: earning.earningId, reasonCode: review.reasonCode, ...note, now: review.at } }];
      }
      return [];
    },
    eventId: (earningId, event) => deterministicId(org, 'fraud-review', flag.flagId, earningId, event.type),
    metadata: () => reviewMetadata(org, reviewedEvent, review.at, review.reasonCode),
  });
}

interface EarningDecisions {
  commandsFor(earning: Earning): EarningLedgerCommand[];
  eventId(earningId: string, event: EarningLedgerEvent): string;
  metadata(): ReturnType<typeof systemMetadata>;
}

/** load → decide → append on the earnings' streams (the command primitive), all at once. */
async function onEarnings(store: EventStore, org: string, earningIds: readonly string[], decisions: EarningDecisions): Promise<number> {
  if (earningIds.length === 0) return 0;
  const streams = earningIds.map((id) => earningStream(org, id));
  const idOf = new Map(streams.map((s, i) => [s, earningIds[i]!]));
  const { decisions: decided } = await decideAndAppend<EarningLedgerState, EarningLedgerEvent, { stream: string; events: EarningLedgerEvent[] }>(store, {
    streams,
    decider: earningLedgerDecider,
    read: readEarningStreams,
    decide: (states) =>
      streams.map((stream) => {
        let state = states.get(stream)!;
        const earning = state.earnings.get(idOf.get(stream)!);
        const events: EarningLedgerEvent[] = [];
        // An earning the flag names is in the store (it was read to name it); a missing one is a bug upstream.
        if (earning === undefined) throw new Error(`fraud flag names earning ${idOf.get(stream)} of org ${org}, which does not exist`);
        for (const command of decisions.commandsFor(earning)) {
          for (const event of earningLedgerDecider.decide(command, state)) {
            state = earningLedgerDecider.evolve(state, event);
            events.push(event);
          }
        }
        return { stream, events };
      }),
    eventId: (stream, event) => decisions.eventId(idOf.get(stream)!, event),
    metadata: () => decisions.metadata(),
  });
  return decided.reduce((n, d) => n + d.events.length, 0);
}

/** Period-held, pending or payable; a manual hold is finance's and stays as it is (the flag still lists the earning). */
function holdable(earning: Earning): boolean {
  if (earning.state === 'held') return earning.hold.kind === 'period';
  return earning.state === 'pending' || earning.state === 'payable';
}
