// What disputes need from the ledger, named here and bound by libs/flows (dispute-resolution): contexts are
// peers, so a dispute holds, adjusts and re-attributes earnings only through the ledger's own commands.
import type { DisputeResolution, DisputeSubjectKind } from '@ledger/contracts';
import type { EventMetadata, Position } from '@ledger/event-store';

export const DISPUTE_LEDGER = Symbol('DISPUTE_LEDGER');

export interface DisputedSubject {
  influencerId: string;
  /** The earning the dispute is about: the earning itself, or the level-1 earning of a disputed attribution (order). */
  earningId?: string;
  /** Whether opening the dispute puts a dispute hold on that earning (not when paid, clawed back, or held by fraud review or by hand). */
  holdable: boolean;
}

export interface DisputeLedger {
  /** undefined: no such subject in this org (the caller answers 404). Payout subjects are not looked up here. */
  subjectOf(org: string, subject: { kind: Exclude<DisputeSubjectKind, 'payout'>; id: string }): Promise<DisputedSubject | undefined>;
  hold(org: string, metadata: (now: string) => EventMetadata, input: { disputeId: string; earningId: string; reasonCode: string }): Promise<Position | null>;
  release(org: string, metadata: (now: string) => EventMetadata, input: { disputeId: string; earningId: string; reasonCode: string }): Promise<Position | null>;
  /** Applies the resolution through the ledger's commands (one atomic append) and releases the dispute hold; answers the modification ids. */
  resolve(
    org: string,
    metadata: (now: string) => EventMetadata,
    input: { disputeId: string; earningId: string; held: boolean; resolution: DisputeResolution; note: string },
  ): Promise<{ modificationIds: string[]; position: Position | null }>;
}
