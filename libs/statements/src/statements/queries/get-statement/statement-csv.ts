import { stringify } from 'csv-stringify/sync';
import type { StatementView } from '../../statement.view';

export const STATEMENT_CSV_HEADER = ['at', 'kind', 'earningId', 'orderId', 'sourceRef', 'amount', 'currency', 'note'] as const;

/** The totals, one row each after the lines, `kind` = the total's name. */
export function statementTotals(s: StatementView): Array<[string, number]> {
  return [
    ['opening.owed', s.opening.owed.amount],
    ['opening.payable', s.opening.payable.amount],
    ['earned', s.earned.amount],
    ['clawedBack', s.clawedBack.amount],
    ['adjustments', s.adjustments.amount],
    ['released', s.released.amount],
    ['paid', s.paid.amount],
    ['priorPeriodAdjustments', s.priorPeriodAdjustments.amount],
    ['closing.owed', s.closing.owed.amount],
    ['closing.payable', s.closing.payable.amount],
  ];
}

/** text/csv: the header, one row per line, then one row per total (amounts in minor units). */
export function statementCsv(s: StatementView): string {
  const lines = s.lines.map((l) => [l.at, l.kind, l.earningId, l.orderId ?? '', l.sourceRef ?? '', l.amount.amount, l.amount.currency, l.note ?? '']);
  const totals = statementTotals(s).map(([name, amount]) => [s.periodEnd, name, '', '', '', amount, s.currency, s.number]);
  return stringify([[...STATEMENT_CSV_HEADER], ...lines, ...totals]);
}
