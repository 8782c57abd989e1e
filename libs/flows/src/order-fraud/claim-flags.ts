// An order claimed twice (delivered again under another sourceRef with other content, refused 409 and recorded
// by the orders intake on orderclaim-<org>.<orderId>) raises duplicate_claim on the order's winner — once the
// order is attributed (before that nobody earns on it: the check raises it when the attribution comes).
import { STREAM_CATEGORIES, type AttributionDecided, type ConversionAttributed, type FraudFlagRaised, type OrderClaimConflicted } from '@ledger/contracts';
import { foldStream, streamName, type EventStore, type RecordedEvent, type StreamAppend } from '@ledger/event-store';
import { deterministicId, LIMITS } from '@ledger/kernel';
import { fraudFlagDecider, fraudFlagStream, fraudRulesDecider, fraudRulesStream, runFraudRules, type FraudSettings } from '@ledger/fraud';
import { systemMetadata } from './fraud-facts';
import type { FraudLedgerReads } from './fraud-ledger-reads';

/** One flag per conflicting sourceRef (the same redelivery again raises nothing). Returns the flags raised. */
export async function flagConflictingClaims(store: EventStore, reads: FraudLedgerReads, org: string, orderId: string, cause: RecordedEvent): Promise<number> {
  const claimStream = streamName(STREAM_CATEGORIES.orderClaim, org, orderId);
  const conversionStream = streamName('conversion', org, orderId);
  const orderStream = streamName('order', org, orderId);
  const read = await store.readStreams([claimStream, conversionStream, orderStream, fraudRulesStream(org)]);
  const claims = (read.get(claimStream) ?? []).map((e) => e.data as unknown as OrderClaimConflicted);
  const conversion = read.get(conversionStream)?.[0]?.data as unknown as ConversionAttributed | undefined;
  if (claims.length === 0 || conversion === undefined) return 0;
  const decided = (read.get(orderStream) ?? []).find((e) => e.type === 'AttributionDecided')?.data as unknown as AttributionDecided | undefined;
  const { settings } = foldStream(fraudRulesDecider, read.get(fraudRulesStream(org)) ?? []);
  if (!settings.enabled.duplicate_claim) return 0;
  const onlyDuplicateClaim: FraudSettings = { ...settings, enabled: { self_referral: false, duplicate_claim: true, velocity: false, channel_misuse: false } };

  const flagIdOf = (claim: OrderClaimConflicted) => deterministicId(org, 'fraud-flag', orderId, 'duplicate_claim', conversion.influencerId, 'redelivery', claim.sourceRef);
  const flags = await store.readStreams(claims.map((c) => fraudFlagStream(org, flagIdOf(c))));
  const open = await reads.seenEarningsOf(org, conversion.influencerId, LIMITS.fraud.heldEarningsPerFlag);
  const earningIds = [...new Set([...(decided?.earnings.map((e) => e.earningId) ?? []), ...open])].slice(0, LIMITS.fraud.heldEarningsPerFlag);
  const appends: StreamAppend[] = [];
  for (const claim of claims) {
    const flagId = flagIdOf(claim);
    const past = flags.get(fraudFlagStream(org, flagId)) ?? [];
    // The pure rule judges it, with only this rule on: the evidence reads as the check's would.
    const [finding] = runFraudRules(
      {
        orderId,
        customerRef: '',
        channel: conversion.basis.channel,
        occurredAt: conversion.occurredAt,
        winner: { influencerId: conversion.influencerId, code: conversion.basis.code },
        winnerIdentities: { customerRefs: [] },
        uses: [],
        codeOrdersInHour: 0,
        conflictingDeliveries: [{ sourceRef: claim.sourceRef, fields: claim.fields }],
      },
      onlyDuplicateClaim,
    ).findings;
    if (finding === undefined) continue;
    const raised: FraudFlagRaised = { flagId, rule: finding.rule, influencerId: finding.influencerId, orderId, evidence: finding.evidence, earningIds, at: claim.at };
    const events = fraudFlagDecider.decide({ type: 'RaiseFraudFlag', data: raised }, foldStream(fraudFlagDecider, past));
    if (events.length === 0) continue;
    appends.push({
      stream: fraudFlagStream(org, flagId),
      expectedRevision: past.at(-1)?.revision ?? 'no_stream',
      events: events.map((e) => ({ id: deterministicId(org, 'fraud-flag-raised', flagId), type: e.type, data: { ...e.data }, metadata: systemMetadata(org, cause, claim.at, 'fraud_duplicate_claim') })),
    });
  }
  if (appends.length > 0) await store.appendMany(appends);
  return appends.length;
}
