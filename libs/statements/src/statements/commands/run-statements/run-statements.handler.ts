import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { comparePositions, formatPosition, type Position } from '@ledger/event-store';
import { CLOCK, DomainError, LIMITS, type Clock } from '@ledger/kernel';
import { DATABASE, type RequestContext } from '@ledger/runtime';
import { PeriodOpen } from '../../../domain/statement/statement.errors';
import type { StatementLinesPartialDB } from '../../read-models/statement-lines/statement-lines.table';
import { canonicalInstant } from '../../statement-streams';
import { GenerateStatementHandler } from '../generate-statement/generate-statement.handler';
import type { RunStatementResult, RunStatementsAnswer } from './run-statements.request.dto';

/**
 * statement/run: every influencer with ledger facts in the currency, in id order, in bounded batches, each issued
 * by its own decision (a failure is that influencer's result, never the run's). One cutoff for the whole run.
 */
@Injectable()
export class RunStatementsHandler {
  constructor(
    private readonly generator: GenerateStatementHandler,
    @Inject(DATABASE) private readonly db: Kysely<StatementLinesPartialDB>,
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
      const results = await mapBounded(batch, LIMITS.statements.runConcurrency, async (influencerId): Promise<RunStatementResult | null> => {
        try {
          const outcome = await this.generator.generate(ctx, { influencerId, currency: input.currency, periodStart: input.periodStart, periodEnd }, { cutoff, skipIfEmpty: true, influencerKnown: true });
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
