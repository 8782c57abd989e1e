// What the discount takes off the cart, so a till need not redo the rounding itself.
import type { Discount } from '@ledger/contracts';
import { applyBps, type Money } from '@ledger/kernel';
import type { Subtotal } from '../../touch-fields';

export type DiscountAmount = { amount: number | Money } | { notApplied: 'currency_mismatch' };

/**
 * In the form the subtotal came in (integer → integer, Money → Money). Percent: subtotal × rateBps,
 * rounded half up like every bps amount; fixed: its amount. Never more than the subtotal. A fixed
 * discount in another currency than the subtotal cannot be converted here: not applied. An integer
 * subtotal carries no currency and is taken to be in the discount's.
 */
export function discountAmountOf(discount: Discount, subtotal: Subtotal): DiscountAmount {
  const base = typeof subtotal === 'number' ? subtotal : subtotal.amount;
  if (discount.type === 'fixed' && typeof subtotal !== 'number' && subtotal.currency !== discount.amount.currency) {
    return { notApplied: 'currency_mismatch' };
  }
  const off = Math.min(base, discount.type === 'percent' ? applyBps(base, discount.rateBps) : discount.amount.amount);
  return { amount: typeof subtotal === 'number' ? off : { amount: off, currency: subtotal.currency } };
}
