import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { withPosition } from '@ledger/http';
import { DATABASE, type RequestContext } from '@ledger/runtime';
import { assert, CLOCK, ValidationFailed, type Clock } from '@ledger/kernel';
import { normaliseCode } from '@ledger/contracts';
import { codeDecider } from '../../../domain';
import type { ProgramsTables } from '../../../programs.tables';
import { decideAndAppend } from '../../../shared/decide-and-append';
import { OwnProgramWrites } from '../../../shared/own-program-writes';
import { codeStream } from '../../../shared/program-streams';
import type { CodeDeactivatedAnswer } from './deactivate-code.answer.dto';
import { CodeIdNotFound } from './deactivate-code.errors';
import type { DeactivateCodeRequest } from './deactivate-code.request.dto';

/**
 * DeactivateCode, decided on the code's stream. By `codeId` the code is first looked up in the
 * program_code read model (a code stream is named by its code, not its id); the stream then has the
 * last word, so a stale read model can delay a fresh code (404 until it catches up; send
 * X-Consistency-Position) but never deactivate a wrong one.
 */
@Injectable()
export class DeactivateCodeHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DATABASE) private readonly db: Kysely<ProgramsTables>,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly ownWrites: OwnProgramWrites,
  ) {}

  async execute(ctx: RequestContext, request: DeactivateCodeRequest): Promise<CodeDeactivatedAnswer> {
    const rawCode = await this.codeOf(ctx.org, request);
    const normalised = normaliseCode(rawCode);
    if (!normalised.ok) throw new ValidationFailed([{ field: 'code', problem: normalised.problem }]);
    const now = this.clock.now().toISOString();
    const { reasonCode } = request;
    const command = { type: 'DeactivateCode' as const, data: { code: normalised.code, now, ...(reasonCode === undefined ? {} : { reasonCode }) } };
    const outcome = await decideAndAppend(this.store, ctx, codeStream(ctx.org, normalised.code), codeDecider, command, { occurredAt: now });
    const deactivated = outcome.events[0];
    assert(deactivated?.type === 'CodeDeactivated', 'a deactivation appends CodeDeactivated');
    if (request.codeId !== undefined) assert(deactivated.data.codeId === request.codeId, `program_code maps ${request.codeId} to ${normalised.code}, whose stream says ${deactivated.data.codeId}`);
    await this.ownWrites.seen(outcome.position);
    return withPosition({ id: deactivated.data.codeId, code: deactivated.data.code, active: false as const }, outcome.position);
  }

  private async codeOf(org: string, request: DeactivateCodeRequest): Promise<string> {
    const { code, codeId } = request;
    if (code !== undefined && codeId === undefined) return code;
    if (codeId !== undefined && code === undefined) {
      const row = await this.db.selectFrom('program_code').select('code').where('org', '=', org).where('code_id', '=', codeId).limit(1).executeTakeFirst();
      if (!row) throw new CodeIdNotFound(codeId);
      return row.code;
    }
    const problem = 'give exactly one of code and codeId';
    throw new ValidationFailed([{ field: 'code', problem }, { field: 'codeId', problem }]);
  }
}
