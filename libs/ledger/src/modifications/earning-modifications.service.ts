// Load → decide → append for modifications: every request of a call is one ledger command on one earning
// stream, decided in order against the state the previous ones left, and appended at once (the command
// primitive, decideAndAppend). Lock dates and recalculations take the campaign's rules from CAMPAIGN_TERMS.
import { Inject, Injectable } from '@nestjs/common';
import type { EarningCalculation } from '@ledger/contracts';
import { decideAndAppend, EVENT_STORE, type EventMetadata, type EventStore, type Position, type RecordedEvent } from '@ledger/event-store';
import { addDays, assertNever, CLOCK, Conflict, deterministicId, LIMITS, NotFound, Unavailable, ValidationFailed, type Clock } from '@ledger/kernel';
import {
  earningLedgerDecider,
  EarningNotFound,
  EarningNotModifiable,
  type Earning,
  type EarningLedgerCommand,
  type EarningLedgerEvent,
  type EarningLedgerState,
} from '../domain/earning-ledger';
import { earningStream, influencerStream } from '../earnings/ledger-streams';
import { readEarningStreams } from '../earnings/read-earning-streams';
import { CAMPAIGN_TERMS, type CampaignTerms, type TermsVersion } from './campaign-terms.port';
import type { ModificationRequest, ModificationResult } from './modification-requests';

export interface ModificationOutcome {
  results: ModificationResult[];
  position: Position | null;
}

/** A make-good's earning id: deterministic in its modification, so granting it again grants nothing. */
export function makeGoodIdOf(org: string, modificationId: string): string {
  return deterministicId(org, 'make_good', modificationId);
}

@Injectable()
export class EarningModifications {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CAMPAIGN_TERMS) private readonly terms: CampaignTerms,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async apply(org: string, metadata: (now: string) => EventMetadata, requests: readonly ModificationRequest[]): Promise<ModificationOutcome> {
    if (requests.length === 0 || requests.length > LIMITS.modifications.requestsPerCall) {
      throw new ValidationFailed([{ field: 'requests', problem: `must be 1 to ${LIMITS.modifications.requestsPerCall} modifications` }]);
    }
    const now = this.clock.now().toISOString();
    // Today's terms must be today's: a rules change answered a moment ago may not have reached the catalog yet.
    const needsToday = requests.some((r) => (r.type === 'adjust' && r.applyCurrentTerms) || r.type === 'make_good' || r.type === 'make_good_of_rest');
    if (needsToday && !(await this.terms.catchUp())) {
      throw new Unavailable('LEDGER.CAMPAIGN_TERMS_BEHIND', 'The campaign terms here are behind the latest changes; try again shortly.');
    }
    await this.refuseUnknownParties(org, requests, now);
    const targets = requests.map((r) => targetOf(org, r));
    const streams = [...new Set(requests.flatMap((r, i) => [earningStream(org, targets[i]!), ...('originalEarningId' in r && r.originalEarningId ? [earningStream(org, r.originalEarningId)] : [])]))];
    const calculations = new Map<string, EarningCalculation>();
    let finalStates = new Map<string, EarningLedgerState>();
    let applied: boolean[] = [];
    let eventKeys = new Map<string, string[]>();
    const outcome = await decideAndAppend<EarningLedgerState, EarningLedgerEvent, { stream: string; events: EarningLedgerEvent[] }>(this.store, {
      streams,
      decider: earningLedgerDecider,
      read: async (store, names) => {
        const read = await readEarningStreams(store, names);
        for (const events of read.values()) rememberCalculation(events, calculations);
        return read;
      },
      decide: (states) => {
        const working = new Map(states);
        const events = new Map<string, EarningLedgerEvent[]>();
        const keys = new Map<string, string[]>();
        applied = requests.map((request, i) => {
          const stream = earningStream(org, targets[i]!);
          let state = working.get(stream)!;
          const produced = earningLedgerDecider.decide(this.commandFor(org, request, targets[i]!, working, calculations, now), state);
          for (const event of produced) {
            state = earningLedgerDecider.evolve(state, event);
            events.set(stream, [...(events.get(stream) ?? []), event]);
            keys.set(stream, [...(keys.get(stream) ?? []), eventKeyOf(request)]);
          }
          working.set(stream, state);
          return produced.length > 0;
        });
        finalStates = working;
        eventKeys = keys;
        return streams.map((stream) => ({ stream, events: events.get(stream) ?? [] }));
      },
      eventId: (stream, event, index) => deterministicId(org, 'modification', eventKeys.get(stream)?.[index] ?? '', stream, event.type),
      metadata: () => metadata(now),
    });
    const results = requests.map((_, i): ModificationResult => {
      const earningId = targets[i]!;
      const earning = finalStates.get(earningStream(org, earningId))?.earnings.get(earningId);
      if (earning === undefined) throw new EarningNotFound(earningId);
      return { earningId, applied: applied[i] ?? false, earning: viewOf(earning) };
    });
    return { results, position: outcome.position };
  }

  private commandFor(
    org: string,
    request: ModificationRequest,
    target: string,
    states: ReadonlyMap<string, EarningLedgerState>,
    calculations: ReadonlyMap<string, EarningCalculation>,
    now: string,
  ): EarningLedgerCommand {
    const earningOf = (earningId: string): Earning => {
      const earning = states.get(earningStream(org, earningId))?.earnings.get(earningId);
      if (earning === undefined) throw new EarningNotFound(earningId);
      return earning;
    };
    const note = (text?: string) => (text === undefined ? {} : { note: text });
    switch (request.type) {
      case 'adjust': {
        const earning = earningOf(request.earningId);
        const change = request.amount !== undefined
          ? { amount: request.amount }
          : { commissionBase: request.commissionBase!, terms: { ...this.termsFor(org, earning, request.applyCurrentTerms, now), recorded: recordedOf(calculations.get(earning.earningId)) } };
        return {
          type: 'AdjustEarning',
          data: {
            earningId: earning.earningId, modificationId: request.modificationId, change, applyCurrentTerms: request.applyCurrentTerms,
            lockAt: this.lockAtOf(org, earning), reasonCode: request.reasonCode, ...note(request.note),
            ...(request.disputeId === undefined ? {} : { disputeId: request.disputeId }), now,
          },
        };
      }
      case 'reverse': {
        const earning = earningOf(request.earningId);
        return { type: 'ReverseEarning', data: { earningId: earning.earningId, modificationId: request.modificationId, lockAt: this.lockAtOf(org, earning), reasonCode: request.reasonCode, ...note(request.note), now } };
      }
      case 'make_good':
      case 'make_good_of_rest': {
        const original = request.originalEarningId === undefined ? undefined : earningOf(request.originalEarningId);
        const campaignId = request.type === 'make_good' ? request.campaignId : original!.campaignId;
        let amount = request.type === 'make_good' ? request.amount : { amount: original!.amount - original!.clawedBack, currency: original!.currency };
        if (request.type === 'make_good_of_rest' && amount.amount <= 0) throw new EarningNotModifiable(original!.earningId, 'nothing is left of it to re-attribute');
        amount = { amount: amount.amount, currency: amount.currency };
        const version = this.terms.inForceAt(org, campaignId, now);
        if (version === undefined) throw new NotFound('LEDGER.CAMPAIGN_NOT_FOUND', `Campaign ${campaignId} does not exist.`);
        return {
          type: 'GrantMakeGood',
          data: {
            earningId: target, modificationId: request.modificationId, influencerId: request.influencerId, campaignId, amount, rulesVersion: version.rulesVersion,
            ...(original === undefined ? {} : { original: { earningId: original.earningId, orderId: original.orderId, channel: original.channel, level: original.level } }),
            ...(request.disputeId === undefined ? {} : { disputeId: request.disputeId }),
            reasonCode: request.reasonCode, ...note(request.note), now,
          },
        };
      }
      case 'dispute_hold':
        return { type: 'PlaceHold', data: { earningId: earningOf(request.earningId).earningId, kind: 'dispute', reasonCode: request.reasonCode, ...note(request.note), now } };
      case 'dispute_release':
        return { type: 'ReleaseHold', data: { earningId: earningOf(request.earningId).earningId, kind: 'dispute', reasonCode: request.reasonCode, now } };
      default:
        return assertNever(request, 'modification request');
    }
  }

  /** occurredAt + lockDays of the rules version the earning was computed with. */
  private lockAtOf(org: string, earning: Earning): string {
    const version = this.terms.version(org, earning.campaignId, earning.rulesVersion);
    if (version === undefined) throw new Conflict('LEDGER.CAMPAIGN_TERMS_UNKNOWN', `Rules version ${earning.rulesVersion} of campaign ${earning.campaignId} is not known here yet; try again.`);
    return addDays(earning.accruedAt, version.rules.lockDays);
  }

  private termsFor(org: string, earning: Earning, current: boolean, now: string): TermsVersion {
    const version = current ? this.terms.inForceAt(org, earning.campaignId, now) : this.terms.version(org, earning.campaignId, earning.rulesVersion);
    if (version === undefined) throw new Conflict('LEDGER.CAMPAIGN_TERMS_UNKNOWN', `The terms of campaign ${earning.campaignId} are not known here yet; try again.`);
    return version;
  }

  /** A make-good is for an influencer and a campaign that exist (404 otherwise), checked before anything is decided. */
  private async refuseUnknownParties(org: string, requests: readonly ModificationRequest[], now: string): Promise<void> {
    const influencers = new Set<string>();
    for (const request of requests) {
      if (request.type !== 'make_good' && request.type !== 'make_good_of_rest') continue;
      influencers.add(request.influencerId);
      if (request.type === 'make_good' && this.terms.inForceAt(org, request.campaignId, now) === undefined) {
        throw new NotFound('LEDGER.CAMPAIGN_NOT_FOUND', `Campaign ${request.campaignId} does not exist.`);
      }
    }
    for (const influencerId of influencers) {
      if ((await this.store.streamRevision(influencerStream(org, influencerId))) === null) {
        throw new NotFound('LEDGER.INFLUENCER_NOT_FOUND', `Influencer ${influencerId} does not exist.`);
      }
    }
  }
}

function targetOf(org: string, request: ModificationRequest): string {
  return request.type === 'make_good' || request.type === 'make_good_of_rest' ? makeGoodIdOf(org, request.modificationId) : request.earningId.toLowerCase();
}

function eventKeyOf(request: ModificationRequest): string {
  if (request.type === 'dispute_hold') return `dispute-hold:${request.disputeId}`;
  if (request.type === 'dispute_release') return `dispute-release:${request.disputeId}`;
  return request.modificationId;
}

function rememberCalculation(events: readonly RecordedEvent[], calculations: Map<string, EarningCalculation>): void {
  const accrual = events.find((e) => e.type === 'EarningAccrued');
  if (!accrual) return;
  const data = accrual.data as unknown as { earningId: string; calculation: EarningCalculation };
  calculations.set(data.earningId, data.calculation);
}

function recordedOf(calculation: EarningCalculation | undefined) {
  return {
    ...(calculation?.tier ? { tierFrom: calculation.tier.from } : {}),
    ...(calculation?.bonus ? { bonus: calculation.bonus } : {}),
  };
}

function viewOf(earning: Earning): ModificationResult['earning'] {
  const money = (amount: number) => ({ amount, currency: earning.currency });
  return {
    earningId: earning.earningId, kind: earning.kind, influencerId: earning.influencerId, campaignId: earning.campaignId,
    orderId: earning.orderId === '' ? null : earning.orderId, level: earning.level, state: earning.state,
    amount: money(earning.amount), accrued: money(earning.amount - earning.adjustments), adjustments: money(earning.adjustments),
    clawedBack: money(earning.clawedBack), paid: money(earning.paid), rulesVersion: earning.rulesVersion,
  };
}
