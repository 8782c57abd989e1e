// The one table from an event that needs someone to act to the inbox item it creates: its kind,
// subject, title and the roles that must act. Pure. An event type absent here creates nothing.
import type { DomainEvent, HoldKind } from '@ledger/contracts';

export interface InboxItemSpec {
  kind: string;
  subject: { kind: string; id: string };
  title: string;
  roles: string[];
}

type Rule = (data: Record<string, unknown>) => InboxItemSpec | null;

/** Holds someone placed (not the period hold every earning starts with) wait for finance to release or claw back. */
const HOLD_KINDS_TO_ACT_ON: ReadonlySet<HoldKind> = new Set<HoldKind>(['manual', 'fraud', 'dispute']);

export const INBOX_ITEM_RULES: Readonly<Record<string, Rule>> = {
  HoldPlaced: (data) => {
    const hold = data as unknown as DomainEvent<'HoldPlaced'>['data'];
    if (!HOLD_KINDS_TO_ACT_ON.has(hold.kind)) return null;
    return { kind: 'hold', subject: { kind: 'earning', id: hold.earningId }, title: `Earning held (${hold.kind}): ${hold.reasonCode}`, roles: ['inf_finance'] };
  },
  FraudFlagRaised: (data) => {
    const flag = data as unknown as DomainEvent<'FraudFlagRaised'>['data'];
    return { kind: 'fraud_flag', subject: { kind: 'fraud_flag', id: flag.flagId }, title: `Fraud flag ${flag.rule} on influencer ${flag.influencerId}: review`, roles: ['inf_fraud_reviewer'] };
  },
  DisputeOpened: (data) => {
    const dispute = data as unknown as DomainEvent<'DisputeOpened'>['data'];
    return { kind: 'dispute', subject: { kind: 'dispute', id: dispute.disputeId }, title: `Dispute opened on ${dispute.subject.kind} ${dispute.subject.id}: ${dispute.reasonCode}`, roles: ['inf_finance'] };
  },
  PayoutBatchCreated: (data) => {
    const batch = data as unknown as DomainEvent<'PayoutBatchCreated'>['data'];
    return { kind: 'payout_batch', subject: { kind: 'payout_batch', id: batch.batchId }, title: 'Payout batch awaiting approval', roles: ['inf_finance'] };
  },
};

export const INBOX_CAUSE_TYPES = Object.keys(INBOX_ITEM_RULES);

export function inboxItemSpecOf(type: string, data: Record<string, unknown>): InboxItemSpec | null {
  const rule = INBOX_ITEM_RULES[type];
  return rule === undefined ? null : rule(data);
}
