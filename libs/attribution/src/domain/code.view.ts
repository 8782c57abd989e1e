// What the engine needs to know about an attribution code, and its validity in business time.
import type { Channel, CodeKind, Discount } from '@ledger/contracts';
import { epochMs } from './business-time';

export interface CodeView {
  code: string;
  campaignId: string;
  influencerId: string;
  kind: CodeKind;
  discount?: Discount;
  /** Absent = every channel the campaign allows. */
  channels?: readonly Channel[];
  /** Explicit start of validity; absent = from `issuedAt`. */
  validFrom?: string;
  validUntil?: string;
  issuedAt: string;
  deactivatedAt?: string;
}

export type CodeLifecycleProblem = 'inactive' | 'not_yet_valid' | 'expired';

/**
 * Why the code cannot be used at `atMs`, or undefined when it can. Deactivation wins over the rest
 * from its own time on (a deactivated code is dead whatever its dates say). The code is usable from
 * its explicit `validFrom` — which may lie before it was issued: backfills and codes already in
 * circulation elsewhere — or, without one, from its issuance; through `validUntil` inclusive.
 */
export function codeProblemAt(code: CodeView, atMs: number): CodeLifecycleProblem | undefined {
  if (code.deactivatedAt !== undefined && epochMs(code.deactivatedAt) <= atMs) return 'inactive';
  if (atMs < epochMs(code.validFrom ?? code.issuedAt)) return 'not_yet_valid';
  if (code.validUntil !== undefined && atMs > epochMs(code.validUntil)) return 'expired';
  return undefined;
}

export function codeAllowsChannel(code: CodeView, channel: Channel): boolean {
  return code.channels === undefined || code.channels.includes(channel);
}
