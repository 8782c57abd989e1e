// The sandbox provider, deterministic by account id: `fail_…` always fails, `flaky_…` fails its first attempt
// only, `slow_…` makes the transfer but answers only after the caller stopped waiting; anything else posts.
// Its book is a PostgreSQL table keyed by (org, idempotency key): a key makes one transfer, whatever the
// number of attempts, concurrent callers or process restarts.
import { sql, type Kysely } from 'kysely';
import { randomId } from '@ledger/kernel';
import type { PayoutProvider, SendResult, Transfer } from './payout-provider.port';
import type { PayoutSandboxPartialDB } from './sandbox-transfer.table';

export class SandboxPayoutProvider implements PayoutProvider {
  constructor(private readonly db: Kysely<PayoutSandboxPartialDB>) {}

  async send(transfer: Transfer, signal: AbortSignal): Promise<SendResult> {
    const accountId = transfer.destination.method === 'bank_transfer' ? transfer.destination.iban : transfer.destination.accountId;
    // One statement: count the attempt and see whether this key already made its transfer (row lock: serial per key).
    const attempt = await sql<{ attempts: number; transfer_id: string | null }>`
      insert into payout_sandbox_transfer (org, idempotency_key, account_id, amount_minor, currency, attempts)
      values (${transfer.org}, ${transfer.idempotencyKey}, ${accountId}, ${transfer.amount}, ${transfer.currency}, 1)
      on conflict (org, idempotency_key) do update set attempts = payout_sandbox_transfer.attempts + 1
      returning attempts, transfer_id`.execute(this.db);
    const row = attempt.rows[0]!;
    if (row.transfer_id !== null) return { outcome: 'posted', providerRef: row.transfer_id };
    if (accountId.startsWith('fail_')) return { outcome: 'failed', failureCode: 'account_rejected', failureMessage: `sandbox account ${accountId} refuses every transfer` };
    if (accountId.startsWith('flaky_') && row.attempts === 1) return { outcome: 'failed', failureCode: 'temporarily_unavailable', failureMessage: 'sandbox: the first attempt of a flaky account fails' };
    const made = await sql<{ transfer_id: string }>`
      update payout_sandbox_transfer set transfer_id = coalesce(transfer_id, ${`sbx_${randomId()}`})
      where org = ${transfer.org} and idempotency_key = ${transfer.idempotencyKey} returning transfer_id`.execute(this.db);
    const providerRef = made.rows[0]!.transfer_id;
    // Posted, but the answer comes only once the caller has given up (its timeout aborted the signal).
    if (accountId.startsWith('slow_')) await abortOf(signal);
    return { outcome: 'posted', providerRef };
  }

  /** Transfers made for a key prefix (tests and the runbook: what did the sandbox really pay?). */
  async transfers(org: string, batchId: string): Promise<Array<{ idempotencyKey: string; transferId: string; attempts: number; amount: number }>> {
    const rows = await this.db
      .selectFrom('payout_sandbox_transfer')
      .select(['idempotency_key', 'transfer_id', 'attempts', 'amount_minor'])
      .where('org', '=', org)
      .where('idempotency_key', 'like', `${batchId}:%`)
      .where('transfer_id', 'is not', null)
      .orderBy('idempotency_key')
      .limit(10_000)
      .execute();
    return rows.map((r) => ({ idempotencyKey: r.idempotency_key, transferId: r.transfer_id!, attempts: r.attempts, amount: Number(r.amount_minor) }));
  }
}

function abortOf(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
