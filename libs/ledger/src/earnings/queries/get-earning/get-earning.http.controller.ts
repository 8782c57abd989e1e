import { Body, Controller, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Kysely, Selectable } from 'kysely';
import { Ctx, PartnerScoped, partnerRows, ReadOnly, Roles } from '@ledger/http';
import { DATABASE, type RequestContext } from '@ledger/runtime';
import { LIMITS, NotFound } from '@ledger/kernel';
import { LEDGER_QUERY_ROLES } from '../../commands/shared/ledger-roles';
import type { LedgerEvidenceDB } from '../../read-models/earning-evidence/earning-evidence.table';
import type { LedgerEarningTransitionTable, LedgerPartialDB } from '../../read-models/earning-ledger/earning-ledger.table';
import { readEvidence } from '../shared/earning-evidence.view';
import { earningItemOf, isoOf, type MoneyView } from '../shared/earning.view';
import { EarningDetail, GetEarningRequest, type AdjustmentView, type TransitionView } from './get-earning.request.dto';

@ApiTags('ledger')
@Controller('influencer/earning')
export class GetEarningController {
  constructor(@Inject(DATABASE) private readonly db: Kysely<LedgerPartialDB>) {}

  @Post('get')
  @ReadOnly()
  @Roles(...LEDGER_QUERY_ROLES)
  @PartnerScoped({ rowColumn: 'influencer_id' })
  @ApiOperation({ summary: 'One earning with its buckets, every transition (who, role, why, when, source) and its evidence (conversion, attribution, rules, fraud check, calculation, approval, payment: docs/evidence.md)' })
  @ApiOkResponse({ type: EarningDetail })
  async get(@Ctx() ctx: RequestContext, @Body() body: GetEarningRequest): Promise<EarningDetail> {
    const row = await this.db.selectFrom('ledger_earning').selectAll().where('org', '=', ctx.org).where('earning_id', '=', body.earningId).$call(partnerRows(ctx)).limit(1).executeTakeFirst();
    // Another org's earning (or, for a partner token, another influencer's) is as unknown as a made-up id.
    if (!row) throw new NotFound('LEDGER.EARNING_NOT_FOUND', `Earning ${body.earningId} does not exist.`);
    const [transitions, evidence] = await Promise.all([
      this.db
        .selectFrom('ledger_earning_transition')
        .selectAll()
        .where('org', '=', ctx.org)
        .where('earning_id', '=', row.earning_id)
        .orderBy('commit_position')
        .orderBy('prepare_position')
        .limit(LIMITS.ledger.historyEntriesMax)
        .execute(),
      readEvidence(this.db as unknown as Kysely<LedgerEvidenceDB>, ctx.org, row.earning_id),
    ]);
    const item = earningItemOf(row);
    const money = (amount: number): MoneyView => ({ amount: Number(amount), currency: row.currency });
    return {
      ...item,
      buckets: {
        pending: money(row.pending_minor),
        held: money(row.held_minor),
        payable: money(row.payable_minor),
        paid: money(row.paid_minor),
        clawedBack: money(row.clawed_back_minor),
      },
      sourceRef: row.source_ref,
      evidence,
      transitions: transitions.map(transitionOf),
      adjustmentHistory: transitions.filter((t) => t.type === 'EarningAdjusted').map((t) => adjustmentOf(t, money)),
    };
  }
}

function adjustmentOf(row: Selectable<LedgerEarningTransitionTable>, money: (amount: number) => MoneyView): AdjustmentView {
  // The projection keeps an adjustment's before/after and terms in the transition's reference (earning-fold).
  const r = (row.reference ?? {}) as { id?: string; previousAmount?: number; amount?: number; applyCurrentTerms?: boolean; rulesVersion?: number; commissionBase?: number; disputeId?: string };
  const delta = Number(row.amount_minor ?? 0);
  return {
    modificationId: r.id ?? '',
    previousAmount: money(r.previousAmount ?? 0),
    amount: money(r.amount ?? 0),
    delta: money(delta),
    applyCurrentTerms: r.applyCurrentTerms ?? false,
    rulesVersion: r.rulesVersion ?? 0,
    commissionBase: r.commissionBase ?? null,
    disputeId: r.disputeId ?? null,
    reasonCode: row.reason_code,
    note: row.note,
    actorId: row.actor_id,
    role: row.role,
    at: isoOf(row.at),
  };
}

function transitionOf(row: Selectable<LedgerEarningTransitionTable>): TransitionView {
  return {
    eventId: row.event_id,
    type: row.type,
    fromState: row.from_state,
    toState: row.to_state,
    amount: row.amount_minor === null ? null : { amount: Number(row.amount_minor), currency: row.currency },
    holdKind: row.hold_kind,
    actorId: row.actor_id,
    role: row.role,
    reasonCode: row.reason_code,
    note: row.note,
    sourceRef: row.source_ref,
    reference: row.reference as { kind: string; id: string } | null,
    costCentre: row.cost_centre,
    correlationId: row.correlation_id,
    causationId: row.causation_id,
    at: isoOf(row.at),
    recordedAt: isoOf(row.recorded_at),
  };
}
