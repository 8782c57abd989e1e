// What the fraud process manager reads besides streams: the influencer's open earnings (the ledger's read
// model, org-scoped) and its own record of each code's attributed orders (for velocity).
import { sql, type Kysely } from 'kysely';
import { LIMITS } from '@ledger/kernel';

export interface FraudLedgerReads {
  /** The influencer's pending, held or payable earnings, oldest first, at most `limit`. */
  openEarningsOf(org: string, influencerId: string, limit: number): Promise<string[]>;
  /** Records the order as a use of `code` and counts the code's orders in (occurredAt − 1 h, occurredAt]. */
  countCodeOrders(org: string, code: string, orderId: string, occurredAt: string): Promise<number>;
}

export function fraudLedgerReads(db: Kysely<any>): FraudLedgerReads {
  return {
    async openEarningsOf(org, influencerId, limit) {
      // A read model: an earning accrued a moment ago may be missing here; the flagged order's own earnings
      // come from its decision (exact), this adds the rest of the influencer's payouts.
      const rows = await db
        .selectFrom('ledger_earning')
        .select('earning_id')
        .where('org', '=', org)
        .where('influencer_id', '=', influencerId)
        .where('state', 'in', ['pending', 'held', 'payable'])
        .orderBy('occurred_at')
        .orderBy('earning_id')
        .limit(limit)
        .execute();
      return rows.map((r: { earning_id: string }) => r.earning_id);
    },
    async countCodeOrders(org, code, orderId, occurredAt) {
      await db
        .insertInto('fraud_code_use')
        .values({ org, code, order_id: orderId, occurred_at: occurredAt })
        .onConflict((oc: any) => oc.columns(['org', 'code', 'order_id']).doNothing())
        .execute();
      const windowStart = new Date(Date.parse(occurredAt) - LIMITS.fraud.velocityWindowMs).toISOString();
      const row = await db
        .selectFrom('fraud_code_use')
        .select(sql<string>`count(*)`.as('n'))
        .where('org', '=', org)
        .where('code', '=', code)
        .where('occurred_at', '>', windowStart)
        .where('occurred_at', '<=', occurredAt)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
