import { assert } from './assert';

// Money is integer minor units plus an ISO 4217 code; never a float.
export interface Money {
  amount: number;
  currency: string;
}

export const CURRENCY_PATTERN = /^[A-Z]{3}$/;

export function money(amount: number, currency: string): Money {
  assert(Number.isSafeInteger(amount), `money amount must be a safe integer, got ${amount}`);
  assert(CURRENCY_PATTERN.test(currency), `currency must be ISO 4217, got ${currency}`);
  return { amount, currency };
}

/** amount × bps / 10 000, rounded half away from zero, in integer arithmetic. */
export function applyBps(amountMinor: number, rateBps: number): number {
  assert(Number.isSafeInteger(amountMinor) && Number.isSafeInteger(rateBps), 'applyBps takes integers');
  const product = BigInt(amountMinor) * BigInt(rateBps);
  const negative = product < 0n;
  const abs = negative ? -product : product;
  const rounded = (abs + 5_000n) / 10_000n;
  return Number(negative ? -rounded : rounded);
}

/** floor(amount × numerator / denominator) for non-negative integers, exact. */
export function prorate(amountMinor: number, numerator: number, denominator: number): number {
  assert(denominator > 0, 'prorate denominator must be positive');
  assert(amountMinor >= 0 && numerator >= 0, 'prorate takes non-negative integers');
  return Number((BigInt(amountMinor) * BigInt(numerator)) / BigInt(denominator));
}
