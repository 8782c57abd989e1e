// Fixed ids, times and event builders for the earning ledger specs. Test-only.
import type { DomainEvent, EarningAccrued, EarningClawedBack, HoldKind } from '@ledger/contracts';
import type { AccrueEarning } from '../earning-ledger.commands';
import type { EarningLedgerEvent } from '../earning-ledger.state';

export const ORDER_AT = '2026-03-01T10:00:00.000Z';
export const HOLD_UNTIL = '2026-03-31T10:00:00.000Z'; // ORDER_AT + 30 days
export const LATER = '2026-03-10T09:00:00.000Z';
export const AFTER_HOLD = '2026-04-02T00:00:00.000Z';

export function accrual(earningId = 'e-1', amount = 1_000, overrides: Partial<EarningAccrued> = {}): AccrueEarning['data'] {
  return {
    earningId,
    influencerId: 'inf-1',
    campaignId: 'c-1',
    orderId: `o-${earningId}`,
    channel: 'ecommerce',
    level: 1,
    amount: { amount, currency: 'EUR' },
    rulesVersion: 1,
    calculation: { basis: 'percent', commissionBase: amount * 10, rateBps: 1_000, beforeCap: amount, lines: [{ lineId: 'l1', base: amount * 10 }] },
    occurredAt: ORDER_AT,
    sourceRef: `scm-${earningId}`,
    holdDays: 30,
    ...overrides,
  };
}

/** What AccrueEarning emits: the accrual and the period hold. */
export function accrued(earningId = 'e-1', amount = 1_000, holdUntil = HOLD_UNTIL, overrides: Partial<EarningAccrued> = {}): EarningLedgerEvent[] {
  const { holdDays: _holdDays, ...data } = accrual(earningId, amount, overrides);
  return [
    { type: 'EarningAccrued', data },
    { type: 'HoldPlaced', data: { earningId, kind: 'period', holdUntil, reasonCode: 'hold_period', at: data.occurredAt } },
  ];
}

export function holdPlaced(earningId: string, kind: Exclude<HoldKind, 'period'>, at = LATER, reasonCode = 'kyc_pending'): EarningLedgerEvent {
  return { type: 'HoldPlaced', data: { earningId, kind, reasonCode, at } };
}

export function released(earningId: string, kind: HoldKind, early: boolean, at = early ? LATER : HOLD_UNTIL): EarningLedgerEvent {
  return { type: 'HoldReleased', data: { earningId, kind, reasonCode: early ? 'finance_ok' : 'hold_expired', early, at } };
}

export function clawedBack(earningId: string, amount: number, cumulative: number, reference: EarningClawedBack['reference'] = { kind: 'return', id: `r-${cumulative}` }): EarningLedgerEvent {
  const reasonCode = { return: 'order_returned', cancellation: 'order_cancelled', fraud: 'fraud_reversal', reversal: 'reversed' }[reference.kind];
  return { type: 'EarningClawedBack', data: { earningId, amount: { amount, currency: 'EUR' }, cumulative, reference, reasonCode, at: LATER } };
}

export function paid(earningId: string, amount: number, payoutId = 'p-1', at = AFTER_HOLD): EarningLedgerEvent {
  return { type: 'EarningPaid', data: { earningId, amount: { amount, currency: 'EUR' }, payoutId, at } };
}

/** The influencer stream also carries the profile. */
export const registered = {
  type: 'InfluencerRegistered',
  data: { influencerId: 'inf-1', name: 'Ana', email: 'ana@example.com', customerRefs: [], registeredAt: ORDER_AT },
} as DomainEvent;
