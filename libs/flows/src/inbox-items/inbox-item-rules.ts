// The one table from an event that needs someone to act to the inbox item it creates: its kind,
// subject, title and the roles that must act. Pure. An event type absent here creates nothing.
import type { DomainEvent } from '@ledger/contracts';

/**
 * FraudFlagRaised, DisputeOpened and PayoutBatchCreated are defined by the fraud, disputes and payouts
 * work (libs/contracts, other branches). Until they are merged, only the fields read here are typed,
 * locally, by event type string; after the merge these become the contract types.
 */
interface FraudFlagRaisedData { flagId: string; rule: string; influencerId: string; orderId?: string }
interface DisputeOpenedData { disputeId: string; subject?: { kind: string; id: string }; reasonCode?: string }
interface PayoutBatchCreatedData { batchId: string }

export interface InboxItemSpec {
  kind: string;
  subject: { kind: string; id: string };
  title: string;
  roles: string[];
}

type Rule = (data: Record<string, unknown>) => InboxItemSpec | null;

/** Holds someone placed (not the period hold every earning starts with) wait for finance to release or claw back. */
const HOLD_KINDS_TO_ACT_ON = new Set(['manual', 'fraud', 'dispute']);

export const INBOX_ITEM_RULES: Readonly<Record<string, Rule>> = {
  HoldPlaced: (data) => {
    const hold = data as unknown as DomainEvent<'HoldPlaced'>['data'];
    if (!HOLD_KINDS_TO_ACT_ON.has(hold.kind)) return null;
    return { kind: 'hold', subject: { kind: 'earning', id: hold.earningId }, title: `Earning held (${hold.kind}): ${hold.reasonCode}`, roles: ['inf_finance'] };
  },
  FraudFlagRaised: (data) => {
    const flag = data as unknown as FraudFlagRaisedData;
    return { kind: 'fraud_flag', subject: { kind: 'fraud_flag', id: flag.flagId }, title: `Fraud flag ${flag.rule} on influencer ${flag.influencerId}: review`, roles: ['inf_fraud_reviewer'] };
  },
  DisputeOpened: (data) => {
    const dispute = data as unknown as DisputeOpenedData;
    const about = dispute.subject === undefined ? '' : ` on ${dispute.subject.kind} ${dispute.subject.id}`;
    return { kind: 'dispute', subject: { kind: 'dispute', id: dispute.disputeId }, title: `Dispute opened${about}${dispute.reasonCode === undefined ? '' : `: ${dispute.reasonCode}`}`, roles: ['inf_finance'] };
  },
  PayoutBatchCreated: (data) => {
    const batch = data as unknown as PayoutBatchCreatedData;
    return { kind: 'payout_batch', subject: { kind: 'payout_batch', id: batch.batchId }, title: 'Payout batch awaiting approval', roles: ['inf_finance'] };
  },
};

export const INBOX_CAUSE_TYPES = Object.keys(INBOX_ITEM_RULES);

export function inboxItemSpecOf(type: string, data: Record<string, unknown>): InboxItemSpec | null {
  const rule = INBOX_ITEM_RULES[type];
  return rule === undefined ? null : rule(data);
}
