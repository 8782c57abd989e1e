// One import row → one modification request, or the problems that reject it. The row's id is its
// modificationId, else derived from its content (not its position): re-importing a file applies nothing twice.
import { CURRENCY_PATTERN, deterministicId, LIMITS, type FieldProblem } from '@ledger/kernel';
import type { ImportColumn, RawRow } from './modification-rows';

export type EarningRef = { earningId: string } | { orderId: string; level: number };

export type RowPlan =
  | {
      ok: true; modificationId: string; earning: EarningRef;
      action: 'adjust' | 'reverse' | 'make_good'; amount?: { amount: number; currency: string }; commissionBase?: number; reasonCode: string; note?: string;
    }
  | { ok: false; problems: FieldProblem[] };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INTEGER = /^\d{1,16}$/;

export function planRow(org: string, raw: RawRow): RowPlan {
  const f = raw.fields;
  const problems: FieldProblem[] = raw.problem ? [{ field: 'row', problem: raw.problem }] : [];
  for (const [name, value] of Object.entries(f)) {
    if ((value ?? '').length > LIMITS.modifications.importFieldChars) problems.push({ field: name, problem: `must be at most ${LIMITS.modifications.importFieldChars} characters` });
  }
  const action = f.action;
  if (action !== 'adjust' && action !== 'reverse' && action !== 'make_good') problems.push({ field: 'action', problem: 'must be one of adjust, reverse, make_good' });
  let earning: EarningRef | undefined;
  if (f.earningId !== undefined) {
    if (UUID.test(f.earningId)) earning = { earningId: f.earningId.toLowerCase() };
    else problems.push({ field: 'earningId', problem: 'must be a UUID' });
  } else if (f.orderId !== undefined && f.level !== undefined && /^[1-9]$/.test(f.level)) {
    earning = { orderId: f.orderId, level: Number(f.level) };
  } else {
    problems.push({ field: 'earningId', problem: 'give earningId, or orderId and level (1…9)' });
  }
  const amount = integerOf(f, 'amount', problems);
  const commissionBase = integerOf(f, 'commissionBase', problems);
  if (amount !== undefined && amount < 1) problems.push({ field: 'amount', problem: 'must be a positive integer of minor units' });
  if (amount !== undefined && !CURRENCY_PATTERN.test(f.currency ?? '')) problems.push({ field: 'currency', problem: 'must be an ISO 4217 code with an amount' });
  if (action === 'adjust' && (amount === undefined) === (commissionBase === undefined)) problems.push({ field: 'amount', problem: 'adjust takes amount (with currency) or commissionBase, exactly one' });
  if (action === 'make_good' && amount === undefined) problems.push({ field: 'amount', problem: 'make_good takes amount and currency' });
  if (action !== 'adjust' && commissionBase !== undefined) problems.push({ field: 'commissionBase', problem: 'only adjust takes a commission base' });
  if (action === 'reverse' && amount !== undefined) problems.push({ field: 'amount', problem: 'reverse takes no amount' });
  if (f.reasonCode === undefined || f.reasonCode.length > 100) problems.push({ field: 'reasonCode', problem: 'must be a non-blank code of at most 100 characters' });
  if (f.modificationId !== undefined && f.modificationId.length > 200) problems.push({ field: 'modificationId', problem: 'must be at most 200 characters' });
  if (problems.length > 0 || earning === undefined) return { ok: false, problems };
  return {
    ok: true,
    modificationId: f.modificationId ?? rowIdOf(org, f),
    earning,
    action: action as 'adjust' | 'reverse' | 'make_good',
    ...(amount === undefined ? {} : { amount: { amount, currency: f.currency! } }),
    ...(commissionBase === undefined ? {} : { commissionBase }),
    reasonCode: f.reasonCode!,
    ...(f.note === undefined ? {} : { note: f.note }),
  };
}

/** Deterministic in the row's content: the same row in any file, at any position, is the same modification. */
export function rowIdOf(org: string, f: RawRow['fields']): string {
  const columns: ImportColumn[] = ['action', 'earningId', 'orderId', 'level', 'amount', 'commissionBase', 'currency', 'reasonCode', 'note'];
  return deterministicId(org, 'earning-import', ...columns.map((c) => `${c}=${c === 'earningId' ? (f[c] ?? '').toLowerCase() : (f[c] ?? '')}`));
}

function integerOf(f: RawRow['fields'], field: 'amount' | 'commissionBase', problems: FieldProblem[]): number | undefined {
  const text = f[field];
  if (text === undefined) return undefined;
  if (!INTEGER.test(text) || Number(text) > LIMITS.domain.moneyMinorMax) {
    problems.push({ field, problem: 'must be an integer of minor units' });
    return undefined;
  }
  return Number(text);
}
