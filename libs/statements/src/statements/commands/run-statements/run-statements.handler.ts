import { Inject, Injectable } from '@nestjs/common';
import { sql, type Kysely, type Selectable } from 'kysely';
import { comparePositions, formatPosition, type Position } from '@ledger/event-store';
import { CLOCK, DomainError, LIMITS, type Clock } from '@ledger/kernel';
import { DATABASE, type RequestContext } from '@ledger/runtime';
import { PeriodOpen } from '../../../domain/statement/statement.errors';
import type { StatementLineTable, StatementLinesPartialDB } from '../../read-models/statement-lines/statement-lines.table';
import type { StatementStatementPartialDB } from '../../read-models/statement/statement.table';
import type { StatementFact } from '../../../domain/statement/statement-calculation';
import { canonicalInstant } from '../../statement-streams';
import { factOf, GenerateStatementHandler, type PrefetchedFacts } from '../generate-statement/generate-statement.handler';
import type { RunStatementResult, RunStatementsAnswer } from './run-statements.request.dto';

/**
 * statement/run: every influencer with ledger facts in the currency, in id order, in bounded batches, each issued
 * by its own decision (a failure is that influencer's result, never the run's). One cutoff for the whole run.
 */
@Injectable()
export class RunStatementsHandler {
  constructor(
    private readonly generator: GenerateStatementHandler,
    @Inject(DATABASE) private readonly db: Kysely<StatementLinesPartialDB & StatementStatementPartialDB>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(ctx: RequestContext, input: { periodStart: string; periodEnd: string; currency: string; cursor?: string }): Promise<RunStatementsAnswer> {
    const periodEnd = canonicalInstant(input.periodEnd);
    const now = this.clock.now().toISOString();
    if (Date.parse(periodEnd) > Date.parse(now)) throw new PeriodOpen(periodEnd, now);
    const cutoff = await this.generator.linesCutoff();
    const answer: RunStatementsAnswer = { items: [], issued: 0, existing: 0, failed: 0, inactive: 0, nextCursor: null, position: null };
    let position: Position | null = null;
    let after = input.cursor ?? null;
    let seen = 0;
    while (seen < LIMITS.statements.runInfluencersPerCall) {
      const batch = await this.influencers(ctx.org, input.currency, periodEnd, after, Math.min(LIMITS.statements.runBatchInfluencers, LIMITS.statements.runInfluencersPerCall - seen));
      if (batch.length === 0) break;
      const prefetched = await this.prefetch(ctx.org, input.currency, periodEnd, cutoff, batch);
      const results = await mapBounded(batch, LIMITS.statements.runConcurrency, async (influencerId): Promise<RunStatementResult | null> => {
        try {
          const pre = prefetched.get(influencerId);
          const options = { cutoff, skipIfEmpty: true, influencerKnown: true, ...(pre ? { prefetched: pre } : {}) };
          const outcome = await this.generator.generate(ctx, { influencerId, currency: input.currency, periodStart: input.periodStart, periodEnd }, options);
          if (outcome.position && (position === null || comparePositions(outcome.position, position) > 0)) position = outcome.position;
          if (outcome.kind === 'no_activity') return null;
          return { influencerId, status: outcome.kind, statementId: outcome.statement.id, number: outcome.statement.number };
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          return { influencerId, status: 'failed', code: error.code };
        }
      });
      for (const result of results) {
        if (result === null) answer.inactive++;
        else {
          answer[result.status]++;
          answer.items.push(result);
        }
      }
      seen += batch.length;
      after = batch.at(-1)!;
      answer.nextCursor = seen >= LIMITS.statements.runInfluencersPerCall ? after : null;
    }
    answer.position = position === null ? null : formatPosition(position);
    return answer;
  }

  /**
   * The facts of a whole batch in one query, each influencer's cut after the last statement the statements read model
   * shows for it. The generator uses them only if its series agrees on that last statement (else it reads its own):
   * a saving of one round trip per statement, never a different statement.
   */
  private async prefetch(org: string, currency: string, periodEnd: string, cutoff: Position | null, batch: string[]): Promise<Map<string, PrefetchedFacts>> {
    const prefetched = new Map<string, PrefetchedFacts>();
    if (cutoff === null) return prefetched;
    const lasts = await this.db
      .selectFrom('statement_statement')
      .select(['influencer_id', 'statement_id', 'period_end', 'cutoff_commit_position', 'cutoff_prepare_position'])
      .distinctOn('influencer_id')
      .where('org', '=', org)
      .where('currency', '=', currency)
      .where('influencer_id', 'in', batch)
      .orderBy('influencer_id')
      .orderBy('period_end', 'desc')
      .limit(batch.length)
      .execute();
    const last = new Map(lasts.map((l) => [l.influencer_id, l]));
    const cut = lasts.filter((l) => l.cutoff_commit_position !== null);
    const rows = await sql<Selectable<StatementLineTable>>`
      select l.* from statement_line l
      left join unnest(${cut.map((l) => l.influencer_id)}::text[], ${cut.map((l) => l.period_end.toISOString())}::timestamptz[],
                       ${cut.map((l) => l.cutoff_commit_position)}::numeric[], ${cut.map((l) => l.cutoff_prepare_position)}::numeric[])
        as last (influencer_id, period_end, cc, cp) on last.influencer_id = l.influencer_id
      where l.org = ${org} and l.currency = ${currency} and l.influencer_id = any(${batch}::text[]) and l.at < ${periodEnd}::timestamptz
        and (l.commit_position, l.prepare_position) <= (${cutoff.commit.toString()}::numeric, ${cutoff.prepare.toString()}::numeric)
        and (last.cc is null or l.at >= last.period_end or (l.commit_position, l.prepare_position) > (last.cc, last.cp))
      order by l.influencer_id, l.at, l.commit_position, l.prepare_position
      limit ${LIMITS.statements.runPrefetchLines + 1}`.execute(this.db);
    // A batch with more facts than that is read influencer by influencer.
    if (rows.rows.length > LIMITS.statements.runPrefetchLines) return prefetched;
    const facts = new Map<string, StatementFact[]>(batch.map((id) => [id, []]));
    for (const row of rows.rows) facts.get(row.influencer_id)?.push(factOf(row));
    for (const [influencerId, list] of facts) {
      if (list.length > LIMITS.statements.linesPerStatement) continue; // the generator refuses it itself
      prefetched.set(influencerId, { previousStatementId: last.get(influencerId)?.statement_id ?? null, cutoff: formatPosition(cutoff), facts: list });
    }
    return prefetched;
  }

  private async influencers(org: string, currency: string, periodEnd: string, after: string | null, limit: number): Promise<string[]> {
    let query = this.db.selectFrom('statement_line').select('influencer_id').distinct().where('org', '=', org).where('currency', '=', currency).where('at', '<', new Date(periodEnd));
    if (after !== null) query = query.where('influencer_id', '>', after);
    const rows = await query.orderBy('influencer_id').limit(limit).execute();
    return rows.map((r) => r.influencer_id);
  }
}

/** Runs `work` over `items` with at most `concurrency` at once; results in item order. */
async function mapBounded<T, R>(items: readonly T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  });
  await Promise.all(lanes);
  return results;
}
