// A flag's effects on the ledger, through the ledger's decider on each earning's stream. While an influencer has an
// open flag their earnings stay on a fraud hold (kept past holdUntil: release-due releases period holds only):
// those known when the flag is raised, and those accrued while it is open. A person's review ends it: release, or
// claw back the flagged order's earnings with the flag as reference; the influencer's last review releases the rest.
import type { FraudFlagRaised, FraudFlagReviewed } from '@ledger/contracts';
import { decideAndAppend, foldStream, parseStreamName, type EventMetadata, type EventStore, type RecordedEvent } from '@ledger/event-store';
import { deterministicId, LIMITS } from '@ledger/kernel';
import { earningLedgerDecider, earningStream, readEarningStreams, type Earning, type EarningLedgerCommand, type EarningLedgerEvent, type EarningLedgerState } from '@ledger/ledger';
import { fraudFlagDecider, fraudFlagStream } from '@ledger/fraud';
import { reviewMetadata, systemMetadata } from './fraud-facts';
import type { FraudLedgerReads } from './fraud-ledger-reads';

/** Raised: the flag is open, and every earning it names that can still be held gets a fraud hold. */
export async function holdFlaggedEarnings(store: EventStore, reads: FraudLedgerReads, raisedEvent: RecordedEvent): Promise<number> {
  const { org } = parseStreamName(raisedEvent.stream);
  const flag = raisedEvent.data as unknown as FraudFlagRaised;
  // Met again after its review (a re-run from an older checkpoint): the review has had the last word.
  const state = foldStream(fraudFlagDecider, await store.readStream(fraudFlagStream(org, flag.flagId)));
  if (state.status === 'reviewed') return 0;
  await reads.markFlag(org, flag.flagId, flag.influencerId, true);
  const reasonCode = `fraud_${flag.rule}`;
  return onEarnings(store, org, flag.earningIds, {
    commandsFor: (earning) => (holdable(earning) ? [{ type: 'PlaceHold', data: { earningId: earning.earningId, kind: 'fraud', reasonCode, note: `fraud flag ${flag.flagId}`, now: flag.at } }] : []),
    eventId: (earningId, event) => deterministicId(org, 'fraud-hold', flag.flagId, earningId, event.type),
    metadata: () => systemMetadata(org, raisedEvent, flag.at, reasonCode),
  });
}

/** A checked order's earnings whose influencer has an open flag are held at once, like those the flag named. */
export async function holdWhileFlagged(store: EventStore, reads: FraudLedgerReads, cause: RecordedEvent, earnings: ReadonlyArray<{ earningId: string; influencerId: string }>, at: string): Promise<number> {
  const { org } = parseStreamName(cause.stream);
  const open = await reads.openFlagsOf(org, earnings.map((e) => e.influencerId));
  const flaggedEarnings = earnings.filter((e) => open.has(e.influencerId));
  const flagsOf = new Map(flaggedEarnings.map((e) => [e.earningId, open.get(e.influencerId)!]));
  return onEarnings(store, org, flaggedEarnings.map((e) => e.earningId), {
    commandsFor: (earning) =>
      holdable(earning) ? [{ type: 'PlaceHold', data: { earningId: earning.earningId, kind: 'fraud', reasonCode: 'fraud_open_flag', note: `open fraud flag ${flagsOf.get(earning.earningId)!.join(', ')}`, now: at } }] : [],
    eventId: (earningId, event) => deterministicId(org, 'fraud-hold-open', earningId, event.type),
    metadata: () => systemMetadata(org, cause, at, 'fraud_open_flag'),
  });
}

/**
 * Carries out a review under the reviewer's actor and role. `reverse` claws back the flagged order's earnings in
 * full. Fraud holds end on the flag's earnings and — when this was the influencer's last open flag — on every
 * earning of theirs, except earnings of an influencer who still has another open flag.
 */
export async function applyReview(store: EventStore, reads: FraudLedgerReads, reviewedEvent: RecordedEvent): Promise<number> {
  const { org } = parseStreamName(reviewedEvent.stream);
  const review = reviewedEvent.data as unknown as FraudFlagReviewed;
  const state = foldStream(fraudFlagDecider, await store.readStream(fraudFlagStream(org, review.flagId)));
  if (state.status === 'none') throw new Error(`review of fraud flag ${review.flagId}, never raised`);
  const flag = state.flag;
  await reads.markFlag(org, flag.flagId, flag.influencerId, false);
  const stillOpen = await reads.openFlagsOf(org, [flag.influencerId]);
  const rest = stillOpen.has(flag.influencerId) ? [] : await reads.seenEarningsOf(org, flag.influencerId, LIMITS.fraud.heldEarningsPerFlag);
  const candidates = [...new Set([...flag.earningIds, ...rest])].slice(0, LIMITS.ledger.earningStreamsPerCommand);
  const owners = await reads.ownersOf(org, candidates);
  const flaggedOwners = await reads.openFlagsOf(org, [...new Set(owners.values())]);
  const note = review.note === undefined ? {} : { note: review.note };
  return onEarnings(store, org, candidates, {
    commandsFor: (earning): EarningLedgerCommand[] => {
      if (review.decision === 'reverse' && flag.orderId !== undefined && earning.orderId === flag.orderId) {
        return [{ type: 'ClawBack', data: { earningId: earning.earningId, cumulative: earning.amount, reference: { kind: 'fraud', id: flag.flagId }, reasonCode: review.reasonCode, occurredAt: review.at } }];
      }
      // Only fraud holds are ours to end (a manual hold stays for finance), and not while another flag wants them.
      if (earning.state !== 'held' || earning.hold.kind !== 'fraud' || flaggedOwners.has(earning.influencerId)) return [];
      return [{ type: 'ReleaseHold', data: { earningId: earning.earningId, reasonCode: review.reasonCode, ...note, now: review.at } }];
    },
    eventId: (earningId, event) => deterministicId(org, 'fraud-review', flag.flagId, earningId, event.type),
    metadata: () => reviewMetadata(org, reviewedEvent, review.at, review.reasonCode),
  });
}

interface EarningDecisions {
  commandsFor(earning: Earning): EarningLedgerCommand[];
  eventId(earningId: string, event: EarningLedgerEvent): string;
  metadata(): EventMetadata;
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
        // An earning named here was accrued before the fact at hand (it was read to name it); missing is a bug upstream.
        if (earning === undefined) throw new Error(`fraud names earning ${idOf.get(stream)} of org ${org}, which does not exist`);
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
