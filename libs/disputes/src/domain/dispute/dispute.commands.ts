// Commands on a dispute's stream (dispute-<org>.<disputeId>). Who acts and when arrive in the command;
// what the ledger did for the dispute (a hold, the modifications of a resolution) is decided before, by the flow.
import type { DisputeEvidence, DisputeResolution, DisputeSubjectKind } from '@ledger/contracts';

export type OpenDispute = {
  type: 'OpenDispute';
  data: {
    disputeId: string; subject: { kind: DisputeSubjectKind; id: string }; influencerId: string; earningId?: string;
    reasonCode: string; description: string; evidence: DisputeEvidence[]; respondBy?: string; openedBy: string; held: boolean; now: string;
  };
};
export type StartDisputeReview = { type: 'StartDisputeReview'; data: { disputeId: string; by: string; note?: string; now: string } };
export type ResolveDispute = { type: 'ResolveDispute'; data: { disputeId: string; resolution: DisputeResolution; note: string; by: string; modificationIds: string[]; now: string } };
export type RejectDispute = { type: 'RejectDispute'; data: { disputeId: string; reasonCode: string; note?: string; by: string; now: string } };
export type WithdrawDispute = { type: 'WithdrawDispute'; data: { disputeId: string; reasonCode?: string; note?: string; by: string; now: string } };

export type DisputeCommand = OpenDispute | StartDisputeReview | ResolveDispute | RejectDispute | WithdrawDispute;
