import { Body, Controller, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { sql, type Kysely } from 'kysely';
import { Ctx, ReadOnly, Roles } from '@ledger/http';
import { DATABASE, type RequestContext } from '@ledger/runtime';
import { LIMITS, ValidationFailed } from '@ledger/kernel';
import type { LedgerEvidenceDB } from '../../read-models/earning-evidence/earning-evidence.table';
import { MISSING_PARTS_SQL } from '../shared/earning-evidence.view';
import { EvidenceCoverageAnswer, EvidenceCoverageRequest } from './evidence-coverage.request.dto';

export const EVIDENCE_COVERAGE_ROLES = ['inf_auditor', 'inf_owner', 'inf_finance', 'inf_admin'];

/**
 * Seed 004's measure: the share of paid rewards whose evidence is whole. Read from the ledger's own evidence
 * read model (libs/audit may not read ledger tables), so the route sits under audit/ but the code in the ledger.
 */
@ApiTags('audit')
@Controller('influencer/audit')
export class EvidenceCoverageController {
  constructor(@Inject(DATABASE) private readonly db: Kysely<LedgerEvidenceDB>) {}

  @Post('evidence-coverage')
  @ReadOnly()
  @Roles(...EVIDENCE_COVERAGE_ROLES)
  @ApiOperation({ summary: 'Paid earnings with all seven evidence parts (docs/evidence.md), their share, and which parts the others miss' })
  @ApiOkResponse({ type: EvidenceCoverageAnswer })
  async coverage(@Ctx() ctx: RequestContext, @Body() body: EvidenceCoverageRequest): Promise<EvidenceCoverageAnswer> {
    if (body.from !== undefined && body.to !== undefined && Date.parse(body.from) >= Date.parse(body.to)) {
      throw new ValidationFailed([{ field: 'to', problem: 'must be after from' }]);
    }
    const paid = this.db
      .selectFrom('ledger_earning_evidence as e')
      .leftJoin('ledger_evidence_order as o', (join) => join.onRef('o.org', '=', 'e.org').onRef('o.order_id', '=', 'e.order_id'))
      .leftJoin('ledger_evidence_batch as b', (join) => join.onRef('b.org', '=', 'e.org').onRef('b.batch_id', '=', 'e.batch_id'))
      .where('e.org', '=', ctx.org)
      .where('e.paid_at', 'is not', null)
      .$if(body.from !== undefined, (q) => q.where('e.paid_at', '>=', new Date(body.from!)))
      .$if(body.to !== undefined, (q) => q.where('e.paid_at', '<', new Date(body.to!)));
    const [counts, incomplete] = await Promise.all([
      paid
        .select([sql<string>`count(*)`.as('paid'), sql<string>`count(*) filter (where cardinality(${MISSING_PARTS_SQL}) = 0)`.as('complete')])
        .executeTakeFirstOrThrow(),
      paid
        .select(['e.earning_id', sql<string[]>`${MISSING_PARTS_SQL}`.as('missing')])
        .where(sql<boolean>`cardinality(${MISSING_PARTS_SQL}) > 0`)
        .orderBy('e.paid_at')
        .orderBy('e.earning_id')
        .limit(LIMITS.evidence.coverageIncompleteShown)
        .execute(),
    ]);
    const total = Number(counts.paid);
    const complete = Number(counts.complete);
    return {
      paid: total,
      complete,
      // Nothing paid: no paid reward lacks evidence, so the seed's threshold (100 %) holds.
      share: total === 0 ? 1 : complete / total,
      incomplete: incomplete.map((r) => ({ earningId: r.earning_id, missing: r.missing })),
    };
  }
}
