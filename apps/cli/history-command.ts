import type { Kysely } from 'kysely';
import type { EventStore } from '@ledger/event-store';
import { businessTimeProblem } from '@ledger/kernel';
import { ledgerAsOf } from '@ledger/ledger';
import type { CliIo } from './cli-io';

export const HISTORY_USAGE = 'usage: history <influencerId> --org <org> --as-of <ISO time> [--csv]';

const CSV_HEADER = 'kind,earningId,orderId,campaignId,level,state,currency,amount,pending,held,payable,paid,clawedBack,earnings';

/**
 * `history <influencer> --org <org> --as-of <time> [--csv]`: the influencer's earnings and balances as
 * they stood at a business time, folded from the event history (what audit/ledger-as-of answers).
 * JSON: one line per earning, then one per currency balance; CSV: CSV_HEADER, then the same rows.
 */
export async function runHistoryCommand(args: readonly string[], db: Kysely<any>, eventStore: EventStore, io: CliIo): Promise<number> {
  const [influencerId, ...rest] = args;
  const flags = new Map<string, string>();
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i]!;
    if (flag === '--csv') flags.set('csv', 'true');
    else if ((flag === '--as-of' || flag === '--org') && rest[i + 1] !== undefined) flags.set(flag.slice(2), rest[++i]!);
    else return usage(io, `unknown argument ${JSON.stringify(flag)}`);
  }
  const asOf = flags.get('as-of');
  const org = flags.get('org');
  if (!influencerId || influencerId.startsWith('--') || !asOf || !org) return usage(io, null);
  const problem = businessTimeProblem(asOf);
  if (problem) return usage(io, `--as-of ${problem}`);
  const result = await ledgerAsOf(db, eventStore, org, influencerId, new Date(asOf).toISOString());
  const csv = flags.has('csv');
  if (csv) io.out(CSV_HEADER);
  for (const { earning: e, buckets: b } of result.earnings) {
    const row = { kind: 'earning', earningId: e.earningId, orderId: e.orderId, campaignId: e.campaignId, level: e.level, state: e.state, currency: e.currency, amount: e.amount, ...b, earnings: 1 };
    io.out(csv ? csvLine(row) : JSON.stringify({ asOf: result.asOf, influencerId, ...row }));
  }
  for (const balance of result.balances) {
    const row = { kind: 'balance', earningId: '', orderId: '', campaignId: '', level: '', state: '', currency: balance.currency, amount: balance.accrued, pending: balance.pending, held: balance.held, payable: balance.payable, paid: balance.paid, clawedBack: balance.clawedBack, earnings: balance.earnings };
    io.out(csv ? csvLine(row) : JSON.stringify({ asOf: result.asOf, influencerId, ...row }));
  }
  return 0;
}

function csvLine(row: Record<string, unknown>): string {
  return CSV_HEADER.split(',')
    .map((column) => {
      const text = String(row[column] ?? '');
      return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    })
    .join(',');
}

function usage(io: CliIo, problem: string | null): number {
  if (problem) io.err(problem);
  io.err(HISTORY_USAGE);
  return 2;
}
