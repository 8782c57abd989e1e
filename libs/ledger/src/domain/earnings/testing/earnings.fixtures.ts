// Test fixtures for the earnings domain: an EUR order, default rules, a referral network.
import type { CampaignRules, OrderLine } from '@ledger/contracts';
import type { EarningsInput, OrderForEarnings } from '../earnings.types';
import { EMPTY_MONTH } from '../month-to-date';
import type { ReferralLookup, ReferralNode } from '../referral-chain';

export function rulesWith(patch: Partial<CampaignRules> = {}): CampaignRules {
  return {
    attribution: { model: 'last_touch', windowDays: 14, precedence: 0 },
    channels: ['ecommerce', 'pos'],
    channelOverrides: {},
    exclusions: { skus: [], categories: [] },
    earnings: { type: 'percent', rateBps: 1000 },
    bonuses: [],
    caps: {},
    referralLevels: [],
    holdDays: 30,
    lockDays: 60,
    minPayout: { amount: 5000, currency: 'EUR' },
    ...patch,
  };
}

export function line(lineId: string, quantity: number, unitPrice: number, extra: Partial<OrderLine> = {}): OrderLine {
  return { lineId, sku: `sku-${lineId}`, quantity, unitPrice, ...extra };
}

export function eurOrder(lines: OrderLine[], patch: Partial<OrderForEarnings> = {}): OrderForEarnings {
  return { orderId: 'order-1', channel: 'ecommerce', currency: 'EUR', lines, ...patch };
}

export function network(nodes: Record<string, ReferralNode>): ReferralLookup {
  return (influencerId) => nodes[influencerId];
}

export const NO_PARENTS: ReferralLookup = () => ({ mayEarn: true });

/** The calculator's input for influencer `inf-a`, an empty month and no parents, with `patch` on top. */
export function input(patch: Partial<EarningsInput> = {}): EarningsInput {
  return {
    order: eurOrder([line('l1', 1, 10_000)]),
    influencerId: 'inf-a',
    rules: rulesWith(),
    monthToDate: EMPTY_MONTH,
    referrals: NO_PARENTS,
    ...patch,
  };
}

export const eur = (amount: number) => ({ amount, currency: 'EUR' });
export const usd = (amount: number) => ({ amount, currency: 'USD' });
