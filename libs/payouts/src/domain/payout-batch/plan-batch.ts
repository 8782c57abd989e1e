// Which influencers a new batch pays, and how much: pure, over the earnings a batch may lock (their balance;
// negative = recoverable, a clawback after payment). Per influencer, a campaign's payable earnings count
// when they sum to at least the campaign's minPayout; what is recoverable is netted first.
import type { PayoutBatchItemPlan, PayoutDestination, PayoutSkipReason } from '@ledger/contracts';
import { deterministicId } from '@ledger/kernel';

export interface CandidateEarning {
  earningId: string;
  influencerId: string;
  campaignId: string;
  /** Minor units; negative: recoverable (netted from this payout). Never 0. */
  balance: number;
}

export interface PlanInput {
  batchId: string;
  currency: string;
  earnings: readonly CandidateEarning[];
  /** Minimum payout per campaign in the batch's currency (absent: no minimum). */
  minPayouts: ReadonlyMap<string, number>;
  destinations: ReadonlyMap<string, PayoutDestination>;
  /** Influencers whose payouts are on hold (a fraud hold on any of their earnings). */
  onHold: ReadonlySet<string>;
  maxItems: number;
  maxEarnings: number;
}

export interface BatchPlan {
  items: PayoutBatchItemPlan[];
  skipped: Array<{ influencerId: string; reason: PayoutSkipReason }>;
}

export const payoutItemId = (batchId: string, influencerId: string): string => deterministicId('payout-item', batchId, influencerId);

export function planBatch(input: PlanInput): BatchPlan {
  const byInfluencer = new Map<string, CandidateEarning[]>();
  for (const earning of input.earnings) {
    if (earning.balance === 0) continue;
    byInfluencer.set(earning.influencerId, [...(byInfluencer.get(earning.influencerId) ?? []), earning]);
  }
  const plan: BatchPlan = { items: [], skipped: [] };
  let lockedEarnings = 0;
  for (const influencerId of [...byInfluencer.keys()].sort()) {
    const earnings = byInfluencer.get(influencerId)!;
    const outcome = itemFor(input, influencerId, earnings);
    if ('reason' in outcome) {
      plan.skipped.push({ influencerId, reason: outcome.reason });
      continue;
    }
    // Full: the rest waits for the next batch (not skipped: nothing is wrong with it).
    if (plan.items.length >= input.maxItems || lockedEarnings + outcome.earnings.length > input.maxEarnings) break;
    lockedEarnings += outcome.earnings.length;
    plan.items.push(outcome);
  }
  return plan;
}

function itemFor(input: PlanInput, influencerId: string, earnings: CandidateEarning[]): PayoutBatchItemPlan | { reason: PayoutSkipReason } {
  if (input.onHold.has(influencerId)) return { reason: 'payout_hold' };
  const destination = input.destinations.get(influencerId);
  if (destination === undefined) return { reason: 'no_payout_method' };
  const perCampaign = new Map<string, number>();
  for (const e of earnings) if (e.balance > 0) perCampaign.set(e.campaignId, (perCampaign.get(e.campaignId) ?? 0) + e.balance);
  const eligible = new Set([...perCampaign].filter(([campaignId, sum]) => sum >= (input.minPayouts.get(campaignId) ?? 0)).map(([campaignId]) => campaignId));
  if (perCampaign.size > 0 && eligible.size === 0) return { reason: 'below_minimum' };
  const paid = earnings.filter((e) => (e.balance > 0 && eligible.has(e.campaignId)) || e.balance < 0);
  const gross = paid.reduce((sum, e) => sum + Math.max(e.balance, 0), 0);
  const recovered = paid.reduce((sum, e) => sum - Math.min(e.balance, 0), 0);
  if (gross - recovered <= 0) return { reason: 'negative_balance' };
  const money = (amount: number) => ({ amount, currency: input.currency });
  return {
    itemId: payoutItemId(input.batchId, influencerId),
    influencerId,
    gross: money(gross),
    recovered: money(recovered),
    amount: money(gross - recovered),
    earnings: [...paid].sort((a, b) => (a.earningId < b.earningId ? -1 : a.earningId > b.earningId ? 1 : 0)).map((e) => ({ earningId: e.earningId, amount: e.balance })),
    destination,
  };
}
