import type { StatementIssued } from '@ledger/contracts';

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

export function statementViewOf(e: StatementIssued): StatementView {
  return {
    id: e.statementId,
    number: e.number,
    influencerId: e.influencerId,
    currency: e.currency,
    periodStart: e.periodStart,
    periodEnd: e.periodEnd,
    issuedAt: e.issuedAt,
    opening: e.opening,
    earned: e.earned,
    clawedBack: e.clawedBack,
    adjustments: e.adjustments,
    released: e.released,
    paid: e.paid,
    closing: e.closing,
    priorPeriodAdjustments: e.priorPeriodAdjustments,
    lines: e.lines,
  };
}

/** The JSON text stored and served: the event's content in view order, nothing of the moment it is written. */
export const statementText = (e: StatementIssued): string => JSON.stringify(statementViewOf(e));
