// Ids of everything the attribution & earnings process manager appends: deterministic in their
// cause, so a re-run from any checkpoint appends nothing new (the store treats a stored id as done).
import { deterministicId } from '@ledger/kernel';

/** One earning per (order, influencer, level): docs/dev-notes, "Ids". */
export function earningIdOf(org: string, orderId: string, influencerId: string, level: number): string {
  return deterministicId(org, 'earning', orderId, influencerId, level);
}

export function attributionDecidedIdOf(org: string, orderId: string): string {
  return deterministicId(org, 'attribution', orderId, 'AttributionDecided');
}

export function conversionAttributedIdOf(org: string, orderId: string): string {
  return deterministicId(org, 'attribution', orderId, 'ConversionAttributed');
}

/** One tally per order: only the winner's level-1 earning counts towards its month. */
export function monthTalliedIdOf(org: string, orderId: string): string {
  return deterministicId(org, 'attribution', orderId, 'EarningsMonthTallied');
}

export function earningAccruedIdOf(org: string, earningId: string): string {
  return deterministicId(org, 'earning', earningId, 'EarningAccrued');
}

export function periodHoldIdOf(org: string, earningId: string): string {
  return deterministicId(org, 'earning', earningId, 'HoldPlaced', 'period');
}

/**
 * Per earning and reference. The kind is part of it: a cancellation's id is the order id, and a
 * return whose id happened to equal it must not collide with the cancellation's clawback.
 */
export function clawbackIdOf(org: string, earningId: string, reference: { kind: string; id: string }): string {
  return deterministicId(org, 'clawback', earningId, reference.kind, reference.id);
}

/** The end of a period hold happens once per earning, whoever notices it (scheduler or earning/release-due). */
export function holdExpiredIdOf(org: string, earningId: string): string {
  return deterministicId(org, 'earning', earningId, 'HoldReleased', 'period');
}
