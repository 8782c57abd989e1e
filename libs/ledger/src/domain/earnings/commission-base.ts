// Commission base per order line: quantity × unitPrice − discount, never negative; excluded lines 0.
import type { CampaignRules, OrderLine } from '@ledger/contracts';
import { assert, LIMITS } from '@ledger/kernel';

export type LineExclusion = 'sku' | 'category';

export interface LineBase {
  lineId: string;
  quantity: number;
  /** Integer minor units of the order's currency. */
  baseMinor: number;
  excluded?: LineExclusion;
}

export interface CommissionBase {
  lines: LineBase[];
  totalMinor: number;
}

/**
 * A line over-discounted below zero contributes 0 rather than reducing the other lines' base. An
 * excluded sku is reported as `sku` even when its category is excluded too.
 */
export function commissionBaseOf(lines: readonly OrderLine[], exclusions: CampaignRules['exclusions']): CommissionBase {
  assert(lines.length <= LIMITS.domain.orderLines, 'orders are validated to at most LIMITS.domain.orderLines lines');
  assert(new Set(lines.map((line) => line.lineId)).size === lines.length, 'order line ids are unique');
  const bases = lines.map((line): LineBase => {
    const excluded = exclusionOf(line, exclusions);
    if (excluded !== undefined) return { lineId: line.lineId, quantity: line.quantity, baseMinor: 0, excluded };
    return { lineId: line.lineId, quantity: line.quantity, baseMinor: netOf(line) };
  });
  const totalMinor = bases.reduce((sum, line) => sum + line.baseMinor, 0);
  assert(Number.isSafeInteger(totalMinor), 'the commission base of an order is a safe integer');
  return { lines: bases, totalMinor };
}

function exclusionOf(line: OrderLine, exclusions: CampaignRules['exclusions']): LineExclusion | undefined {
  if (exclusions.skus.includes(line.sku)) return 'sku';
  if (line.category !== undefined && exclusions.categories.includes(line.category)) return 'category';
  return undefined;
}

/** In BigInt because quantity × unitPrice may pass 2^53 before the discount brings it back. */
function netOf(line: OrderLine): number {
  assert(Number.isSafeInteger(line.quantity) && Number.isSafeInteger(line.unitPrice), 'order lines carry integers');
  const net = BigInt(line.quantity) * BigInt(line.unitPrice) - BigInt(line.discount ?? 0);
  if (net <= 0n) return 0;
  assert(net <= BigInt(LIMITS.domain.moneyMinorMax), `line ${line.lineId} base exceeds LIMITS.domain.moneyMinorMax`);
  return Number(net);
}
