import { sql, type Kysely } from 'kysely';
import { LIMITS } from '@ledger/kernel';
import type { HttpIdempotencyPartialDB, HttpIdempotencyTable } from './http-idempotency.table';

export type StoredRequest = Pick<HttpIdempotencyTable, 'request_hash' | 'state' | 'status' | 'response'>;

/** PostgreSQL side of Idempotency-Key: claim a key, store the answer, or give the claim back. */
export class IdempotencyStore {
  constructor(private readonly db: Kysely<HttpIdempotencyPartialDB>) {}

  /**
   * Inserts a 'pending' row; only one concurrent request can win it. A pending row older than
   * LIMITS.http.idempotencyPendingStaleMs belongs to a request that died, and is taken over.
   * `won`: this request owns the key, as `owner` (a token unique to this claim). Otherwise
   * `existing` is the row there — or null when it vanished between the insert and the read (the
   * first request failed with a 5xx): try again.
   */
  async claim(org: string, key: string, requestHash: string, owner: string): Promise<{ won: true } | { won: false; existing: StoredRequest | null }> {
    const won = await this.db
      .insertInto('http_idempotency')
      .values({ org, key, request_hash: requestHash, state: 'pending', status: null, response: null, completed_at: null, owner })
      .onConflict((oc) =>
        oc
          .columns(['org', 'key'])
          .doUpdateSet({ request_hash: requestHash, created_at: sql`now()`, state: 'pending', status: null, response: null, completed_at: null, owner })
          .where('http_idempotency.state', '=', 'pending')
          .where('http_idempotency.created_at', '<', sql<Date>`now() - make_interval(secs => ${LIMITS.http.idempotencyPendingStaleMs / 1000})`),
      )
      .returning('org')
      .executeTakeFirst();
    if (won) return { won: true };
    return { won: false, existing: await this.find(org, key) };
  }

  async find(org: string, key: string): Promise<StoredRequest | null> {
    const row = await this.db
      .selectFrom('http_idempotency')
      .select(['request_hash', 'state', 'status', 'response'])
      .where('org', '=', org)
      .where('key', '=', key)
      .executeTakeFirst();
    return row ?? null;
  }

  /** Stores the answer if `owner` still holds the pending claim; false when it was taken over meanwhile. */
  async complete(org: string, key: string, owner: string, status: number, response: unknown): Promise<boolean> {
    const result = await this.db
      .updateTable('http_idempotency')
      .set({ state: 'completed', status, response: JSON.stringify(response ?? null), completed_at: sql`now()` })
      .where('org', '=', org)
      .where('key', '=', key)
      .where('state', '=', 'pending')
      .where('owner', '=', owner)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * The request failed in a retryable way (5xx, a transient conflict): forget the key so a retry
   * runs again — only if `owner` still holds it; false when it was taken over meanwhile.
   */
  async release(org: string, key: string, owner: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('http_idempotency')
      .where('org', '=', org)
      .where('key', '=', key)
      .where('state', '=', 'pending')
      .where('owner', '=', owner)
      .executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }

  /**
   * Retention: keys are remembered LIMITS.http.idempotencyRetentionHours. Deletes one bounded
   * batch of older rows (LIMITS.http.idempotencyPurgeBatchRows) and returns how many went.
   */
  async purgeExpiredBatch(): Promise<number> {
    const result = await sql<{ deleted: number }>`
      with doomed as (
        select org, key from http_idempotency
        where created_at < now() - make_interval(hours => ${LIMITS.http.idempotencyRetentionHours})
        limit ${LIMITS.http.idempotencyPurgeBatchRows}
      )
      delete from http_idempotency h using doomed d where h.org = d.org and h.key = d.key`.execute(this.db);
    return Number(result.numAffectedRows ?? 0);
  }
}
