import { sql, type Kysely } from 'kysely';
import { LIMITS } from '@ledger/kernel';
import { grantInForce } from '../domain';
import type { GovernanceGrantPartialDB } from './read-models/governance-grant/governance-grant.table';

interface OpenGrant {
  role: string;
  validFrom: string;
  validUntil?: string;
}

interface Entry {
  grants: readonly OpenGrant[];
  loadedAtMs: number;
}

export interface GrantedRolesOptions {
  /** Process time for the cache's TTL (not business time); default performance.now-like Date.now. */
  nowMs?: () => number;
  ttlMs?: number;
  maxEntries?: number;
}

/**
 * The EFFECTIVE_ROLES lookup: the roles an actor's grants give at an instant. What is cached (per
 * org and actor, for at most `ttlMs`) is the actor's open grants with their intervals, not the roles:
 * each request judges them at its own time, so a scheduled grant starts and a bounded one ends at
 * its exact instant even from the cache. A change made in this process forgets the actor at once
 * (GrantVisibility); the TTL bounds how long another process's change goes unseen.
 */
export class GrantedRoles {
  private readonly entries = new Map<string, Entry>();
  /** Bumped by forget(): a load that began before it must not refill the cache with what it read. */
  private readonly generations = new Map<string, number>();
  private readonly loading = new Map<string, Promise<readonly OpenGrant[]>>();
  private readonly nowMs: () => number;
  private readonly ttlMs: number;
  private readonly maxEntries: number;

  constructor(
    private readonly db: Kysely<GovernanceGrantPartialDB>,
    options: GrantedRolesOptions = {},
  ) {
    this.nowMs = options.nowMs ?? Date.now;
    this.ttlMs = options.ttlMs ?? LIMITS.governance.effectiveRolesCacheMs;
    this.maxEntries = options.maxEntries ?? LIMITS.governance.effectiveRolesCacheEntries;
  }

  async rolesAt(org: string, actorId: string, at: Date): Promise<string[]> {
    const grants = await this.openGrants(org, actorId, at);
    return [...new Set(grants.filter((g) => grantInForce(g, at)).map((g) => g.role))];
  }

  forget(org: string, actorId: string): void {
    const key = keyOf(org, actorId);
    this.entries.delete(key);
    this.loading.delete(key);
    this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
    // The map of generations only matters while a load may be in flight; keep it as bounded as the cache.
    if (this.generations.size > this.maxEntries) this.generations.delete(this.generations.keys().next().value!);
  }

  private async openGrants(org: string, actorId: string, at: Date): Promise<readonly OpenGrant[]> {
    const key = keyOf(org, actorId);
    const cached = this.entries.get(key);
    if (cached && this.nowMs() - cached.loadedAtMs < this.ttlMs) return cached.grants;
    const pending = this.loading.get(key);
    if (pending) return pending;
    const generation = this.generations.get(key) ?? 0;
    const load = this.load(org, actorId, at)
      .then((grants) => {
        if ((this.generations.get(key) ?? 0) === generation) this.remember(key, grants);
        return grants;
      })
      .finally(() => {
        if (this.loading.get(key) === load) this.loading.delete(key);
      });
    this.loading.set(key, load);
    return load;
  }

  private remember(key: string, grants: readonly OpenGrant[]): void {
    this.entries.delete(key);
    // Oldest first (Map keeps insertion order): a miss only costs one indexed read.
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { grants, loadedAtMs: this.nowMs() });
  }

  /** Grants not revoked and not ended at `at` (scheduled ones included: they start while cached). */
  private async load(org: string, actorId: string, at: Date): Promise<readonly OpenGrant[]> {
    const rows = await this.db
      .selectFrom('governance_grant')
      .select(['role', 'valid_from', 'valid_until'])
      .where('org', '=', org)
      .where('actor_id', '=', actorId)
      .where('revoked_at', 'is', null)
      .where(sql<boolean>`(valid_until is null or valid_until > ${at.toISOString()}::timestamptz)`)
      .orderBy('valid_from')
      .limit(LIMITS.governance.openGrantsPerActor)
      .execute();
    return rows.map((r) => ({ role: r.role, validFrom: r.valid_from.toISOString(), ...(r.valid_until ? { validUntil: r.valid_until.toISOString() } : {}) }));
  }
}

function keyOf(org: string, actorId: string): string {
  return `${org}\u0000${actorId}`;
}
