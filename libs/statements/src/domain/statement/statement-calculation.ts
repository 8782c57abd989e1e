// What a statement holds and how its totals follow from its lines. Pure: the handler brings the facts (from the
// statement lines read model) and the previous statement; this decides their place and adds them up.
import type { StatementBalances, StatementLine } from '@ledger/contracts';
import { assert, type Money } from '@ledger/kernel';
import type { FactKind } from './ledger-facts';

/** A ledger fact as the statement lines read model keeps it: business time `at`, record position `position` ("commit-prepare"). */
export interface StatementFact {
  at: string;
  position: string;
  kind: FactKind;
  earningId: string;
  orderId?: string;
  sourceRef?: string;
  amount: number;
  owedDelta: number;
  payableDelta: number;
  note?: string;
}

export interface Period {
  periodStart: string;
  periodEnd: string;
}

/** The statement issued before this one in the same currency: where the facts it already holds end. */
export interface PreviousStatement extends Period {
  statementId: string;
  cutoff: string | null;
  closing: StatementBalances;
}

/**
 * Where a fact belongs in the statement for `period` cut at `cutoff`:
 * - `excluded`: recorded after the cutoff, in a later period, or already held by an earlier statement
 *   (business time before the previous statement's end and recorded at or before its cutoff);
 * - `line`: business time inside the period;
 * - `prior_period`: business time before the period, not yet held by any statement — recorded after the
 *   statement of its period was issued (or in a gap no statement covered).
 * Statements of one influencer and currency follow each other in time, so "held by an earlier statement" is
 * decided by the previous one alone: its period ends after every earlier one's and its cutoff is the latest.
 */
export function placeFact(fact: Pick<StatementFact, 'at' | 'position'>, period: Period, cutoff: string | null, previous: PreviousStatement | null): 'excluded' | 'line' | 'prior_period' {
  const at = Date.parse(fact.at);
  if (cutoff === null || comparePositionText(fact.position, cutoff) > 0) return 'excluded';
  if (at >= Date.parse(period.periodEnd)) return 'excluded';
  if (previous && at < Date.parse(previous.periodEnd) && previous.cutoff !== null && comparePositionText(fact.position, previous.cutoff) <= 0) return 'excluded';
  return at >= Date.parse(period.periodStart) ? 'line' : 'prior_period';
}

/** The computed part of a statement: everything but its identity, number and issuance. */
export interface StatementFigures {
  opening: StatementBalances;
  earned: Money;
  clawedBack: Money;
  adjustments: Money;
  released: Money;
  paid: Money;
  closing: StatementBalances;
  priorPeriodAdjustments: Money;
  lines: StatementLine[];
}

/**
 * Totals and closing of a statement from its facts (`placeFact` decided each one's place; none excluded).
 * owed = pending + held + payable (earned and not paid, net of clawbacks and adjustments);
 * closing.owed = opening.owed + earned − clawedBack + adjustments − paid + priorPeriodAdjustments, where
 * adjustments count make-goods too and paid is net of returned payments. Asserted against the sum of the
 * facts' own effects on owed (pair assertion with the ledger fold in ledger-facts.ts).
 */
export function calculateStatement(currency: string, opening: StatementBalances, facts: ReadonlyArray<StatementFact & { place: 'line' | 'prior_period' }>): StatementFigures {
  assert(opening.owed.currency === currency && opening.payable.currency === currency, 'opening in the statement currency');
  const sum = (pick: (f: StatementFact) => number, which: (f: StatementFact & { place: string }) => boolean) => facts.filter(which).reduce((n, f) => n + pick(f), 0);
  const inPeriod = (kinds: FactKind[]) => (f: StatementFact & { place: string }) => f.place === 'line' && kinds.includes(f.kind);
  const earned = sum((f) => f.amount, inPeriod(['earned']));
  const clawedBack = sum((f) => f.amount, inPeriod(['clawed_back']));
  const adjustments = sum((f) => f.amount, inPeriod(['adjustment', 'make_good']));
  const released = sum((f) => f.amount, inPeriod(['released']));
  const paid = sum((f) => f.amount, inPeriod(['paid'])) - sum((f) => f.amount, inPeriod(['payment_returned']));
  const prior = sum((f) => f.owedDelta, (f) => f.place === 'prior_period');

  const closingOwed = opening.owed.amount + earned - clawedBack + adjustments - paid + prior;
  const owedMoved = sum((f) => f.owedDelta, () => true);
  assert(closingOwed === opening.owed.amount + owedMoved, `closing owed ${closingOwed} by the formula, ${opening.owed.amount + owedMoved} by the facts`);
  const closingPayable = opening.payable.amount + sum((f) => f.payableDelta, () => true);

  const m = (amount: number): Money => {
    assert(Number.isSafeInteger(amount), `statement amount ${amount} is a safe integer`);
    return { amount, currency };
  };
  const ordered = [...facts.filter((f) => f.place === 'line'), ...facts.filter((f) => f.place === 'prior_period')];
  return {
    opening,
    earned: m(earned),
    clawedBack: m(clawedBack),
    adjustments: m(adjustments),
    released: m(released),
    paid: m(paid),
    closing: { owed: m(closingOwed), payable: m(closingPayable) },
    priorPeriodAdjustments: m(prior),
    lines: ordered.map((f) => lineOf(f, currency)),
  };
}

function lineOf(f: StatementFact & { place: 'line' | 'prior_period' }, currency: string): StatementLine {
  const prior = f.place === 'prior_period';
  const note = prior ? `${f.kind}${f.note ? `: ${f.note}` : ''}` : f.note;
  // Key order is fixed here: the issued event and every rendering of it keep it.
  return {
    at: f.at,
    kind: prior ? 'prior_period_adjustment' : f.kind,
    earningId: f.earningId,
    ...(f.orderId ? { orderId: f.orderId } : {}),
    ...(f.sourceRef ? { sourceRef: f.sourceRef } : {}),
    amount: { amount: prior ? f.owedDelta : f.amount, currency },
    ...(note ? { note } : {}),
  };
}

/** Facts in statement order: business time, then record position. */
export function compareFacts(a: Pick<StatementFact, 'at' | 'position'>, b: Pick<StatementFact, 'at' | 'position'>): number {
  const byTime = Date.parse(a.at) - Date.parse(b.at);
  return byTime !== 0 ? byTime : comparePositionText(a.position, b.position);
}

/** Positions in wire form ("<commit>-<prepare>"), compared numerically. */
export function comparePositionText(a: string, b: string): number {
  const [ac, ap] = a.split('-').map(BigInt) as [bigint, bigint];
  const [bc, bp] = b.split('-').map(BigInt) as [bigint, bigint];
  if (ac !== bc) return ac < bc ? -1 : 1;
  return ap === bp ? 0 : ap < bp ? -1 : 1;
}

export const zeroBalances = (currency: string): StatementBalances => ({ owed: { amount: 0, currency }, payable: { amount: 0, currency } });
