import { Inject, Injectable } from '@nestjs/common';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { StatementIssued } from '@ledger/contracts';
import { decideAndAppend, EVENT_STORE, foldStream, formatPosition, type EventStore, type Position } from '@ledger/event-store';
import { assert, CLOCK, LIMITS, NotFound, randomId, Unavailable, type Clock } from '@ledger/kernel';
import { PROJECTION_PROGRESS, type ProjectionProgress } from '@ledger/projections';
import { DATABASE, eventMetadataFrom, type RequestContext } from '@ledger/runtime';
import {
  calculateStatement,
  comparePositionText,
  placeFact,
  zeroBalances,
  type PreviousStatement,
  type StatementFact,
  type StatementFigures,
} from '../../../domain/statement/statement-calculation';
import { PeriodOpen, StatementTooLarge } from '../../../domain/statement/statement.errors';
import { previousStatement, refuseIssue, sameStatement, statementSeriesDecider, type StatementEvent, type StatementSeriesState } from '../../../domain/statement/statement-series.decider';
import type { FactKind } from '../../../domain/statement/ledger-facts';
import type { StatementLineTable, StatementLinesPartialDB } from '../../read-models/statement-lines/statement-lines.table';
import { canonicalInstant, influencerProfileStream, statementIdOf, statementSeriesStream, statementStream } from '../../statement-streams';
import { statementViewOf, type StatementView } from '../../statement.view';

export interface GenerateStatementInput {
  influencerId: string;
  currency: string;
  periodStart: string;
  periodEnd: string;
}

export interface GenerateOptions {
  /** A cutoff already waited for (statement/run shares one); default: the store head now. */
  cutoff?: Position | null;
  /** statement/run: issue nothing for an influencer with no fact to report. */
  skipIfEmpty?: boolean;
  /** statement/run found the influencer in the ledger: no existence check. */
  influencerKnown?: boolean;
  /**
   * statement/run read a batch's facts at once, assuming the last statement the statements read model showed.
   * Used only when the series (the truth) has that same last statement and the cutoff is the one read at;
   * otherwise the facts are read again here.
   */
  prefetched?: PrefetchedFacts;
}

export interface PrefetchedFacts {
  previousStatementId: string | null;
  cutoff: string | null;
  facts: StatementFact[];
}

export type GenerateOutcome =
  | { kind: 'issued' | 'existing'; statement: StatementView; position: Position | null }
  | { kind: 'no_activity'; position: Position | null };

interface Prepared {
  previous: PreviousStatement | null;
  cutoff: string | null;
  figures: StatementFigures;
}

/**
 * Issues a statement: the series stream (numbering, overlap, order) and the statement's own stream in one append
 * through decideAndAppend. Loading for a decision includes the statement's facts — read from the statement lines
 * read model up to a cutoff it has reached — so a concurrent issue for the same influencer makes it load and
 * compute again against the new last statement (ADR 0014).
 */
@Injectable()
export class GenerateStatementHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DATABASE) private readonly db: Kysely<StatementLinesPartialDB>,
    @Inject(PROJECTION_PROGRESS) private readonly progress: ProjectionProgress,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The store head, once the statement lines hold every fact up to it (bounded wait, else 503). */
  async linesCutoff(): Promise<Position | null> {
    const head = await this.store.headPosition();
    if (head !== null && !(await this.progress.waitFor(head, LIMITS.statements.linesWaitMs))) {
      throw new Unavailable('STATEMENT.LINES_BEHIND', 'The ledger facts are still being projected; try again shortly.');
    }
    return head;
  }

  async generate(ctx: RequestContext, input: GenerateStatementInput, options: GenerateOptions = {}): Promise<GenerateOutcome> {
    const org = ctx.org;
    const now = this.clock.now().toISOString();
    const periodStart = canonicalInstant(input.periodStart);
    const periodEnd = canonicalInstant(input.periodEnd);
    const { influencerId, currency } = input;
    // Refused before any read: nothing of an open period can be issued.
    if (Date.parse(periodEnd) > Date.parse(now)) throw new PeriodOpen(periodEnd, now);
    if (!options.influencerKnown && (await this.store.streamRevision(influencerProfileStream(org, influencerId))) === null) {
      throw new NotFound('STATEMENT.INFLUENCER_NOT_FOUND', `Influencer ${influencerId} does not exist.`);
    }
    const statementId = statementIdOf(org, influencerId, currency, periodStart, periodEnd);
    const series = statementSeriesStream(org, influencerId);
    const own = statementStream(org, statementId);
    const period = { influencerId, currency, periodStart, periodEnd, now };
    let prepared: Prepared | null = null;
    let found: StatementIssued | null = null;
    let skipped = false;

    const outcome = await decideAndAppend<StatementSeriesState, StatementEvent, { stream: string; events: StatementEvent[] }>(this.store, {
      streams: [series, own],
      decider: statementSeriesDecider,
      read: async (store, streams) => {
        // One round trip for both: the series is bounded (statementsPerInfluencer), the statement is one event.
        const loaded = await store.readStreams([...streams]);
        assert((loaded.get(series)?.length ?? 0) <= LIMITS.statements.statementsPerInfluencer, `series ${series} within its bound`);
        const state = foldStream(statementSeriesDecider, loaded.get(series) ?? []);
        refuseIssue(state, period);
        prepared = sameStatement(state, currency, periodStart, periodEnd) ? null : await this.prepare(org, period, previousStatement(state, currency), options);
        return loaded;
      },
      decide: (states) => {
        found = states.get(own)!.issued;
        if (prepared === null) return [];
        if (options.skipIfEmpty && prepared.figures.lines.length === 0) {
          skipped = true;
          return [];
        }
        const events = statementSeriesDecider.decide(
          { type: 'IssueStatement', data: { org, statementId, ...period, cutoff: prepared.cutoff, previousStatementId: prepared.previous?.statementId ?? null, figures: prepared.figures } },
          states.get(series)!,
        );
        return [
          { stream: series, events: events.filter((e) => e.type === 'StatementNumbered') },
          { stream: own, events: events.filter((e) => e.type === 'StatementIssued') },
        ];
      },
      // Random: issuing is a decision taken at a time (issuedAt), not a fact derived from others. What makes it happen
      // once is the statement's own stream (no_stream) and the series' revision: a concurrent issue of the same period
      // loses on the revision, reloads and answers the statement that won (a deterministic id would make it a
      // duplicate id with other content instead).
      eventId: () => randomId(),
      metadata: () => eventMetadataFrom(ctx, { occurredAt: now }),
    });
    if (skipped) return { kind: 'no_activity', position: outcome.position };
    const issued = outcome.decisions.flatMap((d) => d.events).find((e) => e.type === 'StatementIssued');
    if (issued) return { kind: 'issued', statement: statementViewOf(issued.data as StatementIssued), position: outcome.position };
    assert(found !== null, `statement ${statementId} is in the series, so its stream holds it`);
    return { kind: 'existing', statement: statementViewOf(found), position: outcome.position };
  }

  private async prepare(
    org: string,
    period: { influencerId: string; currency: string; periodStart: string; periodEnd: string },
    previous: PreviousStatement | null,
    options: GenerateOptions,
  ): Promise<Prepared> {
    const head = options.cutoff !== undefined ? options.cutoff : await this.linesCutoff();
    // Never behind the previous statement's cutoff: its issuer waited for the lines up to there.
    let cutoff = head === null ? null : formatPosition(head);
    if (previous?.cutoff && (cutoff === null || comparePositionText(previous.cutoff, cutoff) > 0)) cutoff = previous.cutoff;
    const opening = previous?.closing ?? zeroBalances(period.currency);
    if (cutoff === null) return { previous, cutoff, figures: calculateStatement(period.currency, opening, []) };
    const pre = options.prefetched;
    const facts = pre && pre.previousStatementId === (previous?.statementId ?? null) && pre.cutoff === cutoff ? pre.facts : await this.facts(org, period, cutoff, previous);
    const placed = facts.map((f) => {
      const place = placeFact(f, period, cutoff, previous);
      // Pair assertion: the query and the rule agree on what this statement holds.
      assert(place !== 'excluded', `fact at ${f.at} (${f.position}) selected for statement ${period.periodStart}..${period.periodEnd} is excluded by the rule`);
      return { ...f, place };
    });
    return { previous, cutoff, figures: calculateStatement(period.currency, opening, placed) };
  }

  /** Facts before the period's end, recorded up to the cutoff, that no earlier statement holds (placeFact's rule, in SQL). */
  private async facts(org: string, period: { influencerId: string; currency: string; periodEnd: string }, cutoff: string, previous: PreviousStatement | null): Promise<StatementFact[]> {
    const [cc, cp] = cutoff.split('-');
    let query = this.db
      .selectFrom('statement_line')
      .selectAll()
      .where('org', '=', org)
      .where('influencer_id', '=', period.influencerId)
      .where('currency', '=', period.currency)
      .where('at', '<', new Date(period.periodEnd))
      .where(sql<boolean>`(commit_position, prepare_position) <= (${cc}::numeric, ${cp}::numeric)`);
    if (previous?.cutoff) {
      const [pc, pp] = previous.cutoff.split('-');
      query = query.where(sql<boolean>`(at >= ${previous.periodEnd}::timestamptz or (commit_position, prepare_position) > (${pc}::numeric, ${pp}::numeric))`);
    }
    const rows = await query
      .orderBy('at')
      .orderBy('commit_position')
      .orderBy('prepare_position')
      .limit(LIMITS.statements.linesPerStatement + 1)
      .execute();
    if (rows.length > LIMITS.statements.linesPerStatement) throw new StatementTooLarge(LIMITS.statements.linesPerStatement);
    return rows.map(factOf);
  }
}

/** A statement_line row as the calculation takes it. */
export function factOf(r: Selectable<StatementLineTable>): StatementFact {
  return {
      at: r.at_iso,
      position: `${r.commit_position}-${r.prepare_position}`,
      kind: r.kind as FactKind,
      earningId: r.earning_id,
      ...(r.order_id ? { orderId: r.order_id } : {}),
      ...(r.source_ref ? { sourceRef: r.source_ref } : {}),
      amount: Number(r.amount_minor),
      owedDelta: Number(r.owed_delta_minor),
      payableDelta: Number(r.payable_delta_minor),
      ...(r.note ? { note: r.note } : {}),
  };
}
