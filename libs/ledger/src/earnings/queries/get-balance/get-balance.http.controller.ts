import { Body, Controller, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { sql, type Kysely } from 'kysely';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { Ctx, PartnerScoped, partnerRows, ReadOnly, Roles } from '@ledger/http';
import { DATABASE, type RequestContext } from '@ledger/runtime';
import { NotFound } from '@ledger/kernel';
import { LEDGER_QUERY_ROLES } from '../../commands/shared/ledger-roles';
import { influencerStream } from '../../commands/shared/ledger-streams';
import type { LedgerPartialDB } from '../../read-models/earning-ledger/earning-ledger.table';
import { BalanceAnswer, GetBalanceRequest } from './get-balance.request.dto';

/** Currencies one influencer can have earnings in: far more than any real program uses. */
const CURRENCIES_MAX = 200;

@ApiTags('ledger')
@Controller('influencer/balance')
export class GetBalanceController {
  constructor(
    @Inject(DATABASE) private readonly db: Kysely<LedgerPartialDB>,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Post('get')
  @ReadOnly()
  @Roles(...LEDGER_QUERY_ROLES)
  @PartnerScoped({ requestField: 'influencerId', rowColumn: 'influencer_id' })
  @ApiOperation({ summary: "An influencer's balance per currency: accrued, adjustments, pending, held, payable, paid, clawed back, recoverable (clawed back after payment, netted from the next payout)" })
  @ApiOkResponse({ type: BalanceAnswer })
  async get(@Ctx() ctx: RequestContext, @Body() body: GetBalanceRequest): Promise<BalanceAnswer> {
    const rows = await this.db
      .selectFrom('ledger_earning')
      .select((eb) => [
        'currency',
        sql<number>`sum(amount_minor - adjustments_minor)::bigint`.as('accrued'),
        sql<number>`sum(adjustments_minor)::bigint`.as('adjustments'),
        sql<number>`sum(pending_minor)::bigint`.as('pending'),
        sql<number>`sum(held_minor)::bigint`.as('held'),
        // Per earning: a positive balance is payable, a negative one (clawed back after payment) recoverable.
        sql<number>`sum(greatest(payable_minor, 0))::bigint`.as('payable'),
        sql<number>`sum(greatest(-payable_minor, 0))::bigint`.as('recoverable'),
        sql<number>`sum(paid_minor)::bigint`.as('paid'),
        sql<number>`sum(clawed_back_minor)::bigint`.as('clawed_back'),
        eb.fn.countAll<number>().as('earnings'),
      ])
      .where('org', '=', ctx.org)
      .where('influencer_id', '=', body.influencerId)
      .$call(partnerRows(ctx))
      .groupBy('currency')
      .orderBy('currency')
      .limit(CURRENCIES_MAX)
      .execute();
    // No earnings yet is a zero balance; an influencer this org does not have is a 404.
    if (rows.length === 0 && (await this.store.streamRevision(influencerStream(ctx.org, body.influencerId))) === null) {
      throw new NotFound('LEDGER.INFLUENCER_NOT_FOUND', `Influencer ${body.influencerId} does not exist.`);
    }
    return {
      influencerId: body.influencerId,
      balances: rows.map((r) => {
        const money = (amount: number) => ({ amount: Number(amount), currency: r.currency });
        return {
          currency: r.currency,
          accrued: money(r.accrued),
          adjustments: money(r.adjustments),
          pending: money(r.pending),
          held: money(r.held),
          payable: money(r.payable),
          paid: money(r.paid),
          clawedBack: money(r.clawed_back),
          recoverable: money(r.recoverable),
          earnings: Number(r.earnings),
        };
      }),
    };
  }
}
