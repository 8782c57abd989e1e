import type { Kysely } from 'kysely';
import { LIMITS } from '@ledger/kernel';
import { listParked, parkedView, requestRetry, skipParked, type ParkedStatus } from '@ledger/projections';
import type { CliIo } from './cli-io';

const STATUSES: readonly ParkedStatus[] = ['parked', 'retry_requested', 'resolved', 'skipped'];

export const PARKED_USAGE = `usage: parked list [--status parked|retry_requested|resolved|skipped|all] [--consumer <name>] [--limit <n ≤ ${LIMITS.parking.listPageSizeMax}>] [--after <id>]
       parked retry <id|all>
       parked skip <id> --reason <text> [--by <who>]   (who: --by, else $LEDGER_OPERATOR, else $USER)`;

/**
 * `parked list | retry <id|all> | skip <id> --reason <text>`; returns the exit code. Retry only
 * flags rows: the owning consumer (a projection's loop, the process manager, the NATS consumer)
 * re-processes them on its next poll, in stream order; `list` then shows them resolved or parked
 * again with attempts + 1.
 */
export async function runParkedCommand(args: readonly string[], db: Kysely<any>, env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  const [action, ...rest] = args;
  const parsed = parseFlags(rest);
  if (!parsed) return usage(io);
  const { positional, flags } = parsed;
  if (action === 'list' && positional.length === 0) {
    const status = flags.get('status');
    if (status !== undefined && status !== 'all' && !STATUSES.includes(status as ParkedStatus)) return usage(io, `unknown status ${JSON.stringify(status)}`);
    const limit = flags.has('limit') ? Number(flags.get('limit')) : LIMITS.parking.listPageSizeDefault;
    if (!Number.isInteger(limit) || limit < 1 || limit > LIMITS.parking.listPageSizeMax) return usage(io, `--limit must be 1..${LIMITS.parking.listPageSizeMax}`);
    const after = flags.get('after');
    if (after !== undefined && !/^\d+$/.test(after)) return usage(io, '--after takes an id');
    const rows = await listParked(db, {
      ...(status === 'all' ? { statuses: STATUSES } : status ? { statuses: [status as ParkedStatus] } : {}),
      ...(flags.get('consumer') ? { consumer: flags.get('consumer') } : {}),
      ...(after ? { afterId: after } : {}),
      limit,
    });
    for (const row of rows) io.out(JSON.stringify(parkedView(row)));
    return 0;
  }
  if (action === 'retry' && positional.length === 1 && flags.size === 0) {
    const [target] = positional as [string];
    if (target !== 'all' && !/^\d+$/.test(target)) return usage(io, 'retry takes an id or all');
    const requested = await requestRetry(db, target === 'all' ? 'all' : { id: target });
    io.out(JSON.stringify({ action: 'retry', target, requested }));
    if (requested === 0 && target !== 'all') {
      io.err(`no parked row ${target} (already resolved, skipped or waiting for its retry?)`);
      return 3;
    }
    return 0;
  }
  if (action === 'skip' && positional.length === 1 && /^\d+$/.test(positional[0]!)) {
    const reason = flags.get('reason')?.trim();
    if (!reason) return usage(io, 'skip needs --reason <text>: it is kept with the row');
    const by = flags.get('by')?.trim() || env.LEDGER_OPERATOR?.trim() || env.USER?.trim();
    if (!by) return usage(io, 'skip needs --by <who> (or LEDGER_OPERATOR): it is kept with the row');
    const skipped = await skipParked(db, positional[0]!, reason, by);
    if (!skipped) {
      io.err(`no open parked row ${positional[0]} (already resolved or skipped?)`);
      return 3;
    }
    io.out(JSON.stringify({ action: 'skip', ...parkedView(skipped) }));
    return 0;
  }
  return usage(io);
}

function usage(io: CliIo, problem?: string): number {
  if (problem) io.err(problem);
  io.err(PARKED_USAGE);
  return 2;
}

/** `--name value` pairs and positional words; null when a flag has no value. */
function parseFlags(args: readonly string[]): { positional: string[]; flags: Map<string, string> } | null {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const value = args[i + 1];
    if (value === undefined) return null;
    flags.set(arg.slice(2), value);
    i += 1;
  }
  return { positional, flags };
}
