import { Body, Controller, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Kysely, Selectable } from 'kysely';
import { Ctx, PartnerScoped, partnerRows, ReadOnly, Roles } from '@ledger/http';
import { DATABASE, type RequestContext } from '@ledger/runtime';
import { LIMITS, NotFound } from '@ledger/kernel';
import { LEDGER_QUERY_ROLES } from '../../commands/shared/ledger-roles';
import type { LedgerConversionTable, LedgerEarningTransitionTable, LedgerPartialDB } from '../../read-models/earning-ledger/earning-ledger.table';
import type { LedgerFraudCheckPartialDB } from '../../read-models/fraud-check/ledger-fraud-check.table';
import { earningItemOf, isoOf, type MoneyView } from '../shared/earning.view';
import { EarningDetail, GetEarningRequest, type AdjustmentView, type TransitionView } from './get-earning.request.dto';

@ApiTags('ledger')
@Controller('influencer/earning')
export class GetEarningController {
  constructor(@Inject(DATABASE) private readonly db: Kysely<LedgerPartialDB>) {}

  private get fraudChecks(): Kysely<LedgerFraudCheckPartialDB> {
    return this.db as unknown as Kysely<LedgerFraudCheckPartialDB>;
  }

  @Post('get')
  @ReadOnly()
  @Roles(...LEDGER_QUERY_ROLES)
  @PartnerScoped({ rowColumn: 'influencer_id' })
  @ApiOperation({ summary: 'One earning with its buckets, every transition (who, role, why, when, source) and its evidence (conversion, attribution basis, rules version, calculation)' })
  @ApiOkResponse({ type: EarningDetail })
  async get(@Ctx() ctx: RequestContext, @Body() body: GetEarningRequest): Promise<EarningDetail> {
    const row = await this.db.selectFrom('ledger_earning').selectAll().where('org', '=', ctx.org).where('earning_id', '=', body.earningId).$call(partnerRows(ctx)).limit(1).executeTakeFirst();
    // Another org's earning (or, for a partner token, another influencer's) is as unknown as a made-up id.
    if (!row) throw new NotFound('LEDGER.EARNING_NOT_FOUND', `Earning ${body.earningId} does not exist.`);
    const [transitions, conversion, fraudCheck] = await Promise.all([
      this.db
        .selectFrom('ledger_earning_transition')
        .selectAll()
        .where('org', '=', ctx.org)
        .where('earning_id', '=', row.earning_id)
        .orderBy('commit_position')
        .orderBy('prepare_position')
        .limit(LIMITS.ledger.historyEntriesMax)
        .execute(),
      this.db.selectFrom('ledger_conversion').selectAll().where('org', '=', ctx.org).where('order_id', '=', row.order_id).limit(1).executeTakeFirst(),
      this.fraudChecks.selectFrom('ledger_fraud_check').selectAll().where('org', '=', ctx.org).where('order_id', '=', row.order_id).limit(1).executeTakeFirst(),
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
      evidence: {
        ...evidenceOf(row.rules_version, row.calculation, row.source_ref, conversion),
        fraudCheck: fraudCheck ? { result: fraudCheck.result, rulesRun: fraudCheck.rules_run, flagIds: fraudCheck.flag_ids, checkedAt: fraudCheck.checked_at.toISOString(), eventId: fraudCheck.event_id } : null,
      },
      transitions: transitions.map(transitionOf),
      adjustmentHistory: transitions.filter((t) => t.type === 'EarningAdjusted').map((t) => adjustmentOf(t, money)),
    };
  }
}

function evidenceOf(rulesVersion: number, calculation: unknown, sourceRef: string, conversion: Selectable<LedgerConversionTable> | undefined) {
  return {
    conversionSourceRef: sourceRef,
    conversionEventId: conversion?.event_id ?? null,
    attributionBasis: conversion?.basis ?? null,
    assisted: (conversion?.assisted as unknown[] | undefined) ?? [],
    commissionBase: conversion ? { amount: Number(conversion.commission_base_minor), currency: conversion.currency } : null,
    rulesVersion,
    calculation,
  };
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
