// Splits an earning over the order lines in proportion to their base, to the exact minor unit, so a
// clawback can later be computed per line and per returned unit.
import { assert } from '@ledger/kernel';
import type { LineBase } from './commission-base';

export interface LineAllocation {
  lineId: string;
  quantity: number;
  amount: number;
}

/**
 * Largest remainder (Hamilton): each line gets floor(amount × base / total); the minor units left
 * over go one each to the lines with the largest remainders, ties to the smaller line id. Lines with
 * no base get nothing and are left out. The result sums exactly to `amountMinor`.
 */
export function allocateToLines(amountMinor: number, lines: readonly LineBase[]): LineAllocation[] {
  assert(Number.isSafeInteger(amountMinor) && amountMinor >= 0, 'allocations split a non-negative integer amount');
  const weighted = lines.filter((line) => line.baseMinor > 0);
  const total = weighted.reduce((sum, line) => sum + BigInt(line.baseMinor), 0n);
  assert(total > 0n || amountMinor === 0, 'an amount is only allocated over lines with a positive base');
  if (total === 0n) return [];

  const amount = BigInt(amountMinor);
  const shares = weighted.map((line) => {
    const product = amount * BigInt(line.baseMinor);
    return { line, floor: product / total, remainder: product % total };
  });
  const leftOver = Number(amount - shares.reduce((sum, share) => sum + share.floor, 0n));
  assert(leftOver >= 0 && leftOver < Math.max(1, shares.length), 'largest remainder leaves fewer units than lines');

  const byRemainder = [...shares].sort((a, b) => {
    if (a.remainder !== b.remainder) return a.remainder > b.remainder ? -1 : 1;
    return a.line.lineId < b.line.lineId ? -1 : a.line.lineId > b.line.lineId ? 1 : 0;
  });
  const bumped = new Set(byRemainder.slice(0, leftOver).map((share) => share.line.lineId));

  const allocations = shares.map(({ line, floor }) => ({
    lineId: line.lineId,
    quantity: line.quantity,
    amount: Number(floor) + (bumped.has(line.lineId) ? 1 : 0),
  }));
  assert(allocations.reduce((sum, a) => sum + a.amount, 0) === amountMinor, 'allocations sum to the amount');
  return allocations;
}
