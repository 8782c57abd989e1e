import type { StatementBalances, StatementIssued, StatementLine } from '@ledger/contracts';
import type { Money } from '@ledger/kernel';

/** The statement as every answer shows it (API.md "Statements"); key order fixed so its JSON text is too. */
export interface StatementView {
  id: string;
  number: string;
  influencerId: string;
  currency: string;
  periodStart: string;
  periodEnd: string;
  issuedAt: string;
  opening: StatementIssued['opening'];
  earned: StatementIssued['earned'];
  clawedBack: StatementIssued['clawedBack'];
  adjustments: StatementIssued['adjustments'];
  released: StatementIssued['released'];
  paid: StatementIssued['paid'];
  closing: StatementIssued['closing'];
  priorPeriodAdjustments: StatementIssued['priorPeriodAdjustments'];
  lines: StatementIssued['lines'];
}

/**
 * Built field by field, nested values too: the event comes back from the store as jsonb, whose key order is not
 * the order it was written in, and the answer's bytes must not depend on where the statement was read from.
 */
export function statementViewOf(e: StatementIssued): StatementView {
  return {
    id: e.statementId,
    number: e.number,
    influencerId: e.influencerId,
    currency: e.currency,
    periodStart: e.periodStart,
    periodEnd: e.periodEnd,
    issuedAt: e.issuedAt,
    opening: balances(e.opening),
    earned: money(e.earned),
    clawedBack: money(e.clawedBack),
    adjustments: money(e.adjustments),
    released: money(e.released),
    paid: money(e.paid),
    closing: balances(e.closing),
    priorPeriodAdjustments: money(e.priorPeriodAdjustments),
    lines: e.lines.map(line),
  };
}

const money = (m: Money): Money => ({ amount: m.amount, currency: m.currency });
const balances = (b: StatementBalances): StatementBalances => ({ owed: money(b.owed), payable: money(b.payable) });
const line = (l: StatementLine): StatementLine => ({
  at: l.at,
  kind: l.kind,
  earningId: l.earningId,
  ...(l.orderId !== undefined ? { orderId: l.orderId } : {}),
  ...(l.sourceRef !== undefined ? { sourceRef: l.sourceRef } : {}),
  amount: money(l.amount),
  ...(l.note !== undefined ? { note: l.note } : {}),
});

/** The JSON text stored and served: the event's content in view order, nothing of the moment it is written. */
export const statementText = (e: StatementIssued): string => JSON.stringify(statementViewOf(e));
