// An attributed order → its fraud check and flags (fraud context streams, through its deciders).
import type { CatalogView } from '@ledger/attribution';
import { type AttributionDecided, type ConversionAttributed, type FraudFlagRaised, type InfluencerRegistered, type OrderRecorded } from '@ledger/contracts';
import { foldStream, parseStreamName, streamName, type EventStore, type NewEvent, type RecordedEvent, type StreamAppend } from '@ledger/event-store';
import { assert, deterministicId, LIMITS } from '@ledger/kernel';
import {
  fraudCheckDecider,
  fraudCheckStream,
  fraudFlagDecider,
  fraudFlagStream,
  fraudRulesDecider,
  fraudRulesStream,
  type CodeUse,
  type OrderUnderCheck,
} from '@ledger/fraud';
import { loadTouches } from '../order-earnings/order-book';
import { systemMetadata } from './fraud-facts';
import type { FraudLedgerReads } from './fraud-ledger-reads';

export interface CheckDeps {
  store: EventStore;
  catalog: (org: string) => CatalogView;
  reads: FraudLedgerReads;
}

/** Appends FraudCheckCompleted and one FraudFlagRaised per finding, all or nothing; nothing when checked already. */
export async function checkAttributedOrder(deps: CheckDeps, conversion: RecordedEvent): Promise<number> {
  const { store } = deps;
  const { org } = parseStreamName(conversion.stream);
  const attributed = conversion.data as unknown as ConversionAttributed;
  const checkStream = fraudCheckStream(org, attributed.orderId);
  const read = await store.readStreams([checkStream, streamName('order', org, attributed.orderId), fraudRulesStream(org)]);
  const checkEvents = read.get(checkStream) ?? [];
  const orderEvents = read.get(streamName('order', org, attributed.orderId)) ?? [];
  const recorded = orderEvents.find((e) => e.type === 'OrderRecorded')?.data as unknown as OrderRecorded | undefined;
  const decided = orderEvents.find((e) => e.type === 'AttributionDecided')?.data as unknown as AttributionDecided | undefined;
  // ConversionAttributed is appended with the order's decision, after its OrderRecorded: a bug otherwise.
  assert(recorded !== undefined && decided !== undefined, `conversion of ${attributed.orderId} without its recorded and decided order`);
  // Whose earnings this order made, before anything else (a re-run after a crash records them too).
  await deps.reads.recordEarnings(org, attributed.orderId, recorded.occurredAt, decided.earnings);
  const checkState = foldStream(fraudCheckDecider, checkEvents);
  if (checkState.completed) return 0;
  const settings = foldStream(fraudRulesDecider, read.get(fraudRulesStream(org)) ?? []).settings;
  const order = await orderUnderCheck(deps, org, attributed, recorded);

  const [completed] = fraudCheckDecider.decide({ type: 'CheckOrder', data: { org, order, settings, at: recorded.occurredAt } }, checkState);
  if (completed === undefined) return 0;
  const metadata = systemMetadata(org, conversion, recorded.occurredAt, completed.data.result === 'clear' ? 'fraud_check_clear' : 'fraud_check_flagged');
  const appends: StreamAppend[] = [
    {
      stream: checkStream,
      expectedRevision: checkEvents.at(-1)?.revision ?? 'no_stream',
      events: [{ id: deterministicId(org, 'fraud-check', attributed.orderId), type: completed.type, data: { ...completed.data }, metadata }],
    },
  ];
  const flagStreams = completed.data.findings.map((f) => fraudFlagStream(org, f.flagId));
  const flags = flagStreams.length > 0 ? await store.readStreams(flagStreams) : new Map<string, RecordedEvent[]>();
  for (const finding of completed.data.findings) {
    const stream = fraudFlagStream(org, finding.flagId);
    const past = flags.get(stream) ?? [];
    // The flagged order's earnings (when the flag is on the winner), then the influencer's other open ones.
    const ofOrder = finding.influencerId === attributed.influencerId ? decided.earnings.map((e) => e.earningId) : [];
    const open = await deps.reads.seenEarningsOf(org, finding.influencerId, LIMITS.fraud.heldEarningsPerFlag);
    const earningIds = [...new Set([...ofOrder, ...open])].slice(0, LIMITS.fraud.heldEarningsPerFlag);
    const raised: FraudFlagRaised = { flagId: finding.flagId, rule: finding.rule, influencerId: finding.influencerId, orderId: attributed.orderId, evidence: finding.evidence, earningIds, at: recorded.occurredAt };
    const events = fraudFlagDecider.decide({ type: 'RaiseFraudFlag', data: raised }, foldStream(fraudFlagDecider, past));
    if (events.length === 0) continue;
    const flagMeta = { ...metadata, reasonCode: `fraud_${finding.rule}` };
    appends.push({
      stream,
      expectedRevision: past.at(-1)?.revision ?? 'no_stream',
      events: events.map((e): NewEvent => ({ id: deterministicId(org, 'fraud-flag-raised', finding.flagId), type: e.type, data: { ...e.data }, metadata: flagMeta })),
    });
  }
  await store.appendMany(appends);
  return completed.data.findings.length;
}

/** The facts the rules judge, gathered from the order, the catalog, the influencer's profile and the code's recent orders. */
async function orderUnderCheck(deps: CheckDeps, org: string, attributed: ConversionAttributed, recorded: OrderRecorded): Promise<OrderUnderCheck> {
  const catalog = deps.catalog(org);
  const uses: CodeUse[] = [];
  const seen = new Set<string>();
  for (const raw of recorded.codes) {
    const code = catalog.findCode(raw);
    if (code === undefined || seen.has(code.code)) continue;
    seen.add(code.code);
    uses.push({ code: code.code, influencerId: code.influencerId, ...(code.channels ? { codeChannels: code.channels } : {}), usedIn: recorded.channel, via: 'order' });
  }
  const { basis } = attributed;
  if (basis.touchId !== null) {
    // The winning touch happened somewhere: that channel counts too (a code touched at the till, ordered online).
    const touch = (await loadTouches(deps.store, org, recorded.customerRef)).find((t) => t.touchId === basis.touchId);
    const code = catalog.findCode(basis.code);
    if (touch !== undefined && code !== undefined) uses.push({ code: code.code, influencerId: code.influencerId, ...(code.channels ? { codeChannels: code.channels } : {}), usedIn: touch.channel, via: 'touch' });
  }
  const profile = await deps.store.readStream(streamName('influencer', org, attributed.influencerId), { maxCount: 1 });
  const registered = profile[0]?.type === 'InfluencerRegistered' ? (profile[0].data as unknown as InfluencerRegistered) : undefined;
  const codeOrdersInHour = await deps.reads.countCodeOrders(org, basis.code, attributed.orderId, recorded.occurredAt);
  return {
    orderId: attributed.orderId,
    customerRef: recorded.customerRef,
    channel: recorded.channel,
    occurredAt: recorded.occurredAt,
    winner: { influencerId: attributed.influencerId, code: basis.code },
    winnerIdentities: { ...(registered ? { email: registered.email } : {}), customerRefs: registered?.customerRefs ?? [] },
    uses,
    codeOrdersInHour,
  };
}
