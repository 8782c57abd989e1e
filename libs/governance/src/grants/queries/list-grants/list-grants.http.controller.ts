import { Body, Controller, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { sql, type Kysely } from 'kysely';
import { Ctx, ReadOnly, Roles } from '@ledger/http';
import { CLOCK, LIMITS, ValidationFailed, type Clock } from '@ledger/kernel';
import { DATABASE, type RequestContext } from '@ledger/runtime';
import { GRANT_READER_ROLES } from '../../../shared/governance-roles';
import { grantViewOf } from '../../grant.view';
import type { GovernanceGrantPartialDB } from '../../read-models/governance-grant/governance-grant.table';
import { ListGrantsAnswer, ListGrantsRequest } from './list-grants.request.dto';

@ApiTags('governance')
@Controller('influencer/grant')
export class ListGrantsController {
  constructor(
    @Inject(DATABASE) private readonly db: Kysely<GovernanceGrantPartialDB>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('list')
  @ReadOnly()
  @Roles(...GRANT_READER_ROLES)
  @ApiOperation({ summary: "The org's grants, newest first, by actor, role or state at the time of the request (keyset pages)" })
  @ApiOkResponse({ type: ListGrantsAnswer })
  async list(@Ctx() ctx: RequestContext, @Body() body: ListGrantsRequest): Promise<ListGrantsAnswer> {
    const now = this.clock.now();
    const at = now.toISOString();
    const limit = body.limit ?? LIMITS.http.pageSizeDefault;
    let query = this.db.selectFrom('governance_grant').selectAll().where('org', '=', ctx.org);
    if (body.actorId !== undefined) query = query.where('actor_id', '=', body.actorId);
    if (body.role !== undefined) query = query.where('role', '=', body.role);
    switch (body.state) {
      case 'revoked':
        query = query.where('revoked_at', 'is not', null);
        break;
      case 'in_force':
        query = query.where('revoked_at', 'is', null).where(sql<boolean>`valid_from <= ${at}::timestamptz and (valid_until is null or valid_until > ${at}::timestamptz)`);
        break;
      case 'scheduled':
        query = query.where('revoked_at', 'is', null).where(sql<boolean>`valid_from > ${at}::timestamptz`);
        break;
      case 'ended':
        query = query.where('revoked_at', 'is', null).where(sql<boolean>`valid_until <= ${at}::timestamptz`);
        break;
      default:
        break;
    }
    if (body.cursor !== undefined) {
      const after = decodeCursor(body.cursor);
      query = query.where(sql<boolean>`(created_commit_position, created_prepare_position) < (${after.commit}::numeric, ${after.prepare}::numeric)`);
    }
    const rows = await query.orderBy('created_commit_position', 'desc').orderBy('created_prepare_position', 'desc').limit(limit + 1).execute();
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map((row) => grantViewOf(row, now)),
      nextCursor: rows.length > limit && last ? Buffer.from(`${last.created_commit_position}-${last.created_prepare_position}`).toString('base64url') : null,
    };
  }
}

function decodeCursor(cursor: string): { commit: string; prepare: string } {
  const match = /^(\d{1,20})-(\d{1,20})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new ValidationFailed([{ field: 'cursor', problem: 'must be a nextCursor returned by grant/list' }]);
  return { commit: match[1]!, prepare: match[2]! };
}
