// The influencer's statement series (stream statementseries-<org>.<influencerId>) decides numbering, overlap and
// order of its statements; the statement itself goes to its own stream (statement-<org>.<statementId>), both in
// one atomic append. Pure: figures, cutoff and time arrive in the command.
import type { StatementIssued, StatementNumbered } from '@ledger/contracts';
import { assert, LIMITS, ValidationFailed, type Decider } from '@ledger/kernel';
import type { PreviousStatement, StatementFigures } from './statement-calculation';
import { PeriodBeforeLastStatement, PeriodOpen, PeriodOverlaps, TooManyStatements } from './statement.errors';

export interface IssueStatement {
  type: 'IssueStatement';
  data: {
    org: string;
    statementId: string;
    influencerId: string;
    currency: string;
    periodStart: string;
    periodEnd: string;
    now: string;
    cutoff: string | null;
    /** The statement the figures were computed after (null: the first in this currency). */
    previousStatementId: string | null;
    figures: StatementFigures;
  };
}

export type StatementEvent = { type: 'StatementNumbered'; data: StatementNumbered } | { type: 'StatementIssued'; data: StatementIssued };

export interface StatementSeriesState {
  /** Every statement of the influencer, in issuance order. */
  entries: StatementNumbered[];
  /** On a statement's own stream: the statement. */
  issued: StatementIssued | null;
}

/** The same statement: same influencer, currency and period (its id is deterministic in them). */
export function sameStatement(state: StatementSeriesState, currency: string, periodStart: string, periodEnd: string): StatementNumbered | undefined {
  return state.entries.find((e) => e.currency === currency && same(e.periodStart, periodStart) && same(e.periodEnd, periodEnd));
}

/** The last statement in `currency`: its closing is the next opening, its cutoff and end say which facts it holds. */
export function previousStatement(state: StatementSeriesState, currency: string): PreviousStatement | null {
  const last = state.entries.filter((e) => e.currency === currency).at(-1);
  return last ? { statementId: last.statementId, periodStart: last.periodStart, periodEnd: last.periodEnd, cutoff: last.cutoff, closing: last.closing } : null;
}

/** Why a statement for this period cannot be issued (it can when nothing is thrown); the same statement again is no refusal. */
export function refuseIssue(state: StatementSeriesState, c: { influencerId: string; currency: string; periodStart: string; periodEnd: string; now: string }): void {
  const start = Date.parse(c.periodStart);
  const end = Date.parse(c.periodEnd);
  if (!(start < end)) throw new ValidationFailed([{ field: 'periodEnd', problem: 'must be after periodStart' }]);
  if (end > Date.parse(c.now)) throw new PeriodOpen(c.periodEnd, c.now);
  if (sameStatement(state, c.currency, c.periodStart, c.periodEnd)) return;
  const ofCurrency = state.entries.filter((e) => e.currency === c.currency);
  const overlapping = ofCurrency.find((e) => start < Date.parse(e.periodEnd) && Date.parse(e.periodStart) < end);
  if (overlapping) throw new PeriodOverlaps(overlapping.number);
  const last = ofCurrency.at(-1);
  if (last && start < Date.parse(last.periodEnd)) throw new PeriodBeforeLastStatement(last.number);
  if (state.entries.length >= LIMITS.statements.statementsPerInfluencer) throw new TooManyStatements(c.influencerId);
}

function decide(command: IssueStatement, state: StatementSeriesState): StatementEvent[] {
  const c = command.data;
  refuseIssue(state, c);
  if (sameStatement(state, c.currency, c.periodStart, c.periodEnd)) return [];
  assert((previousStatement(state, c.currency)?.statementId ?? null) === c.previousStatementId, 'statement figures were computed after the series\' last statement');
  assert(c.figures.opening.owed.amount === (previousStatement(state, c.currency)?.closing.owed.amount ?? 0), 'opening is the previous closing');
  const seq = state.entries.length + 1;
  const number = `${c.org}-${c.influencerId}-${seq}`;
  const identity = { statementId: c.statementId, number, seq, influencerId: c.influencerId, currency: c.currency, periodStart: c.periodStart, periodEnd: c.periodEnd };
  const f = c.figures;
  return [
    { type: 'StatementNumbered', data: { ...identity, cutoff: c.cutoff, closing: f.closing, issuedAt: c.now } },
    {
      type: 'StatementIssued',
      data: {
        ...identity, issuedAt: c.now, cutoff: c.cutoff, previousStatementId: c.previousStatementId, opening: f.opening, earned: f.earned,
        clawedBack: f.clawedBack, adjustments: f.adjustments, released: f.released, paid: f.paid, closing: f.closing,
        priorPeriodAdjustments: f.priorPeriodAdjustments, lines: f.lines,
      },
    },
  ];
}

function evolve(state: StatementSeriesState, event: StatementEvent): StatementSeriesState {
  switch (event.type) {
    case 'StatementNumbered':
      assert(event.data.seq === state.entries.length + 1, `statement ${event.data.number} follows seq ${state.entries.length}`);
      return { ...state, entries: [...state.entries, event.data] };
    case 'StatementIssued':
      return { ...state, issued: event.data };
    default:
      return state;
  }
}

export const statementSeriesDecider: Decider<IssueStatement, StatementEvent, StatementSeriesState> = {
  decide,
  evolve,
  initialState: () => ({ entries: [], issued: null }),
};

const same = (a: string, b: string) => Date.parse(a) === Date.parse(b);
