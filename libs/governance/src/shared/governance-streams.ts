import { STREAM_CATEGORIES } from '@ledger/contracts';
import { streamName } from '@ledger/event-store';

/** grant-<org>.<grantId>: one grant, bounded to two events (created, revoked). */
export const grantStream = (org: string, grantId: string): string => streamName(STREAM_CATEGORIES.grant, org, grantId);

/**
 * The org's one policy stream. `policy-<org>.current` rather than `policy-<org>`: every stream name
 * has an id after the org (parseStreamName, audit/stream). Bounded by LIMITS.governance.policyChanges.
 */
export const policyStream = (org: string): string => streamName(STREAM_CATEGORIES.policy, org, 'current');
