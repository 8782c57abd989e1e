// What the fraud process manager keeps and reads besides streams, in its own tables (org-scoped): whose earnings
// each checked order accrued (what a flag holds besides the flagged order's), and each code's attributed orders
// (velocity). Written as it processes $all, in order, so what it reads is exact for everything before the fact
// at hand — no read model and its lag.
import { sql, type Kysely } from 'kysely';
import { LIMITS } from '@ledger/kernel';

export interface FraudLedgerReads {
  /** Records the order's earnings (insert-or-nothing: a replay changes nothing). */
  recordEarnings(org: string, orderId: string, occurredAt: string, earnings: ReadonlyArray<{ earningId: string; influencerId: string }>): Promise<void>;
  /** The influencer's earnings the manager has seen, newest first, at most `limit` (the ledger decides which can be held). */
  seenEarningsOf(org: string, influencerId: string, limit: number): Promise<string[]>;
  /** Records the order as a use of `code` and counts the code's orders in (occurredAt − 1 h, occurredAt]. */
  countCodeOrders(org: string, code: string, orderId: string, occurredAt: string): Promise<number>;
  /** A flag is open (raised, not reviewed) or not any more. */
  markFlag(org: string, flagId: string, influencerId: string, open: boolean): Promise<void>;
  /** The open flags of these influencers (influencers without one are absent). */
  openFlagsOf(org: string, influencerIds: readonly string[]): Promise<Map<string, string[]>>;
  /** Whose earnings these are (earnings the manager has not seen are absent). */
  ownersOf(org: string, earningIds: readonly string[]): Promise<Map<string, string>>;
}

export function fraudLedgerReads(db: Kysely<any>): FraudLedgerReads {
  return {
    async recordEarnings(org, orderId, occurredAt, earnings) {
      if (earnings.length === 0) return;
      await db
        .insertInto('fraud_influencer_earning')
        .values(earnings.map((e) => ({ org, earning_id: e.earningId, influencer_id: e.influencerId, order_id: orderId, occurred_at: occurredAt })))
        .onConflict((oc: any) => oc.columns(['org', 'earning_id']).doNothing())
        .execute();
    },
    async seenEarningsOf(org, influencerId, limit) {
      const rows = await db
        .selectFrom('fraud_influencer_earning')
        .select('earning_id')
        .where('org', '=', org)
        .where('influencer_id', '=', influencerId)
        .orderBy('occurred_at', 'desc')
        .orderBy('earning_id', 'desc')
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
    async markFlag(org, flagId, influencerId, open) {
      if (open) {
        await db.insertInto('fraud_open_flag').values({ org, flag_id: flagId, influencer_id: influencerId }).onConflict((oc: any) => oc.columns(['org', 'flag_id']).doNothing()).execute();
      } else {
        await db.deleteFrom('fraud_open_flag').where('org', '=', org).where('flag_id', '=', flagId).execute();
      }
    },
    async openFlagsOf(org, influencerIds) {
      const open = new Map<string, string[]>();
      if (influencerIds.length === 0) return open;
      const rows = await db
        .selectFrom('fraud_open_flag')
        .select(['influencer_id', 'flag_id'])
        .where('org', '=', org)
        .where('influencer_id', 'in', [...new Set(influencerIds)])
        .orderBy('flag_id')
        .limit(LIMITS.fraud.evidenceEntriesMax * influencerIds.length)
        .execute();
      for (const r of rows as Array<{ influencer_id: string; flag_id: string }>) open.set(r.influencer_id, [...(open.get(r.influencer_id) ?? []), r.flag_id]);
      return open;
    },
    async ownersOf(org, earningIds) {
      if (earningIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('fraud_influencer_earning')
        .select(['earning_id', 'influencer_id'])
        .where('org', '=', org)
        .where('earning_id', 'in', [...earningIds])
        .limit(earningIds.length)
        .execute();
      return new Map((rows as Array<{ earning_id: string; influencer_id: string }>).map((r) => [r.earning_id, r.influencer_id]));
    },
  };
}
