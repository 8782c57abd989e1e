// Proves the statement series decider given/when/then: first statement numbered 1 with zero opening, the next one
// numbered on per influencer (across currencies), the same period again issues nothing, and every refusal —
// period_open, period_overlap, period_before_last_statement, an empty period, too many statements.
import type { StatementNumbered } from '@ledger/contracts';
import { Conflict, DeciderSpecification, LIMITS, ValidationFailed } from '@ledger/kernel';
import { calculateStatement, zeroBalances } from './statement-calculation';
import { statementSeriesDecider, type IssueStatement, type StatementEvent } from './statement-series.decider';

const spec = DeciderSpecification.for(statementSeriesDecider);
const EUR = 'EUR';
const NOW = '2026-06-15T12:00:00.000Z';
const MARCH = { periodStart: '2026-03-01T00:00:00.000Z', periodEnd: '2026-04-01T00:00:00.000Z' };
const APRIL = { periodStart: '2026-04-01T00:00:00.000Z', periodEnd: '2026-05-01T00:00:00.000Z' };

const earnedFigures = calculateStatement(EUR, zeroBalances(EUR), [
  { at: '2026-03-05T00:00:00.000Z', position: '10-5', kind: 'earned', earningId: 'e-1', amount: 1_000, owedDelta: 1_000, payableDelta: 0, place: 'line' },
]);

const issue = (over: Partial<IssueStatement['data']> = {}): IssueStatement => ({
  type: 'IssueStatement',
  data: { org: 'acme', statementId: 's-march', influencerId: 'inf-1', currency: EUR, ...MARCH, now: NOW, cutoff: '20-9', previousStatementId: null, figures: earnedFigures, ...over },
});

const numbered = (over: Partial<StatementNumbered> = {}): StatementEvent => ({
  type: 'StatementNumbered',
  data: { statementId: 's-march', number: 'acme-inf-1-1', seq: 1, influencerId: 'inf-1', currency: EUR, ...MARCH, cutoff: '20-9', closing: earnedFigures.closing, issuedAt: NOW, ...over },
});

describe('statement series decider', () => {
  it('issues the first statement: number <org>-<influencer>-1, opening zero, figures as computed', () => {
    spec.given([]).when(issue()).then([
      numbered(),
      {
        type: 'StatementIssued',
        data: {
          statementId: 's-march', number: 'acme-inf-1-1', seq: 1, influencerId: 'inf-1', currency: EUR, ...MARCH, issuedAt: NOW, cutoff: '20-9',
          previousStatementId: null, ...earnedFigures,
        },
      },
    ]);
  });

  it('numbers on per influencer, across currencies, and opens at the previous closing of the same currency', () => {
    const usd = numbered({ statementId: 's-usd', number: 'acme-inf-1-2', seq: 2, currency: 'USD', closing: zeroBalances('USD') });
    const aprilFigures = calculateStatement(EUR, earnedFigures.closing, []);
    const events = statementSeriesDecider.decide(
      issue({ statementId: 's-april', ...APRIL, previousStatementId: 's-march', figures: aprilFigures, cutoff: '30-1' }),
      [numbered(), usd].reduce(statementSeriesDecider.evolve, statementSeriesDecider.initialState()),
    );
    expect(events.map((e) => [e.type, e.data.number, e.data.seq])).toEqual([
      ['StatementNumbered', 'acme-inf-1-3', 3],
      ['StatementIssued', 'acme-inf-1-3', 3],
    ]);
  });

  it('the same period again issues nothing (generate answers the issued statement)', () => {
    spec.given([numbered()]).when(issue({ periodStart: '2026-03-01T00:00:00Z' })).then([]);
  });

  it('refuses a period that has not ended: 409 period_open', () => {
    spec.given([]).when(issue({ periodEnd: '2026-06-16T00:00:00.000Z', periodStart: '2026-06-01T00:00:00.000Z' })).thenThrows(Conflict, 'period_open');
  });

  it('refuses an overlapping period of the same influencer and currency: 409 period_overlap', () => {
    spec.given([numbered()]).when(issue({ statementId: 's-x', periodStart: '2026-03-15T00:00:00.000Z', periodEnd: '2026-04-15T00:00:00.000Z' })).thenThrows(Conflict, 'period_overlap');
  });

  it('lets another currency have the same period', () => {
    const events = statementSeriesDecider.decide(issue({ statementId: 's-usd', currency: 'USD', figures: calculateStatement('USD', zeroBalances('USD'), []) }), statementSeriesDecider.evolve(statementSeriesDecider.initialState(), numbered()));
    expect(events.map((e) => e.data.number)).toEqual(['acme-inf-1-2', 'acme-inf-1-2']);
  });

  it('refuses a period before the last statement: statements follow each other in time', () => {
    spec.given([numbered({ ...APRIL })]).when(issue()).thenThrows(Conflict, 'period_before_last_statement');
  });

  it('refuses an empty or reversed period (400 naming periodEnd)', () => {
    spec.given([]).when(issue({ periodEnd: MARCH.periodStart })).thenThrows((e) => e instanceof ValidationFailed && e.errors?.[0]?.field === 'periodEnd');
  });

  it(`refuses statement ${LIMITS.statements.statementsPerInfluencer + 1} of one influencer: its series stream is bounded`, () => {
    const past = Array.from({ length: LIMITS.statements.statementsPerInfluencer }, (_, i) =>
      numbered({ statementId: `s-${i}`, seq: i + 1, number: `acme-inf-1-${i + 1}`, currency: 'USD', periodStart: new Date(Date.UTC(2000, 0, 1) + i * 86_400_000).toISOString(), periodEnd: new Date(Date.UTC(2000, 0, 2) + i * 86_400_000).toISOString() }),
    );
    spec.given(past).when(issue()).thenThrows(Conflict, 'too_many_statements');
  });
});
