import { Body, Controller, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Kysely } from 'kysely';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { Ctx, ReadOnly, Roles } from '@ledger/http';
import { NotFound } from '@ledger/kernel';
import { DATABASE, type RequestContext } from '@ledger/runtime';
import { influencerStream } from '../../ledger-streams';
import type { LedgerPartialDB } from '../../read-models/earning-ledger/earning-ledger.table';
import { ledgerAsOf, type LedgerAsOf } from './ledger-as-of';
import { LedgerAsOfAnswer, LedgerAsOfRequest } from './ledger-as-of.request.dto';

/** Who may replay a ledger: auditors and the people who answer to them. */
const AS_OF_ROLES = ['inf_owner', 'inf_admin', 'inf_auditor', 'inf_finance', 'inf_fraud_reviewer'];

@ApiTags('audit')
@Controller('influencer/audit')
export class LedgerAsOfController {
  constructor(
    @Inject(DATABASE) private readonly db: Kysely<LedgerPartialDB>,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Post('ledger-as-of')
  @ReadOnly()
  @Roles(...AS_OF_ROLES)
  @ApiOperation({ summary: "An influencer's earnings and balances as they stood at a business time, folded from the event history" })
  @ApiOkResponse({ type: LedgerAsOfAnswer })
  async asOf(@Ctx() ctx: RequestContext, @Body() body: LedgerAsOfRequest): Promise<LedgerAsOfAnswer> {
    if ((await this.store.streamRevision(influencerStream(ctx.org, body.influencerId))) === null) {
      throw new NotFound('LEDGER.INFLUENCER_NOT_FOUND', `Influencer ${body.influencerId} does not exist.`);
    }
    return ledgerAsOfAnswer(await ledgerAsOf(this.db, this.store, ctx.org, body.influencerId, new Date(body.asOf).toISOString()));
  }
}

export function ledgerAsOfAnswer(result: LedgerAsOf): LedgerAsOfAnswer {
  return {
    influencerId: result.influencerId,
    asOf: result.asOf,
    earnings: result.earnings.map(({ earning: e, buckets: b, events }) => {
      const money = (amount: number) => ({ amount, currency: e.currency });
      return {
        earningId: e.earningId, influencerId: e.influencerId, campaignId: e.campaignId, orderId: e.orderId, channel: e.channel, level: e.level, state: e.state,
        amount: money(e.amount), pending: money(b.pending), held: money(b.held), payable: money(b.payable), paid: money(b.paid), clawedBack: money(b.clawedBack),
        holdUntil: e.holdUntil, hold: e.state === 'held' ? { kind: e.hold.kind, reasonCode: e.hold.reasonCode } : null, rulesVersion: e.rulesVersion,
        occurredAt: e.accruedAt, events,
      };
    }),
    balances: result.balances.map((b) => {
      const money = (amount: number) => ({ amount, currency: b.currency });
      return {
        currency: b.currency, accrued: money(b.accrued), adjustments: money(b.adjustments), pending: money(b.pending), held: money(b.held), payable: money(b.payable), paid: money(b.paid),
        clawedBack: money(b.clawedBack), recoverable: money(b.recoverable), earnings: b.earnings,
      };
    }),
  };
}
