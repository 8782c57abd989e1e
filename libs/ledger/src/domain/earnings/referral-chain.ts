// The ancestors who may share in an earning: parent (level 2), grandparent (level 3), …
import { LIMITS } from '@ledger/kernel';

export interface ReferralNode {
  parentId?: string;
  /** May earn at the order's time (active; the caller judges status in business time). */
  mayEarn: boolean;
}

/** The catalog's answer for one influencer; undefined for an unknown id. */
export type ReferralLookup = (influencerId: string) => ReferralNode | undefined;

export interface Ancestor {
  influencerId: string;
  level: number;
  /** The influencer one level below, whose parent this is. */
  childId: string;
  mayEarn: boolean;
}

/**
 * Walks up at most LIMITS.domain.referralLevels parents (levels 2 … referralLevels + 1) and stops at
 * the top, at an unknown id, or at a cycle. An ancestor who may not earn keeps their level (the chain
 * is not compressed): their share is simply not paid.
 */
export function ancestorsOf(influencerId: string, lookup: ReferralLookup): Ancestor[] {
  const ancestors: Ancestor[] = [];
  const seen = new Set([influencerId]);
  let childId = influencerId;
  for (let depth = 1; depth <= LIMITS.domain.referralLevels; depth += 1) {
    const parentId = lookup(childId)?.parentId;
    if (parentId === undefined || seen.has(parentId)) break;
    const parent = lookup(parentId);
    if (parent === undefined) break;
    ancestors.push({ influencerId: parentId, level: depth + 1, childId, mayEarn: parent.mayEarn });
    seen.add(parentId);
    childId = parentId;
  }
  return ancestors;
}
