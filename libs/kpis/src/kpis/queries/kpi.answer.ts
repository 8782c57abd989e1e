import { ApiProperty } from '@nestjs/swagger';
import type { RequestContext } from '@ledger/runtime';
import { INF_USER_ROLES } from '@ledger/contracts';
import { checkRange, type KpiKey, type KpiScope } from './kpi-facts-query';
import type { Dimension } from './kpi.request.dto';

/** Who reads KPIs: every role of a person (not the integration role). */
export const KPI_ROLES = INF_USER_ROLES;

export class KpiMoney {
  @ApiProperty({ description: 'Integer minor units' }) amount: number;
  @ApiProperty({ example: 'EUR' }) currency: string;
}

export class KpiAnswerBase {
  @ApiProperty({ format: 'date-time' }) from: string;
  @ApiProperty({ format: 'date-time' }) to: string;
  @ApiProperty({ example: 'EUR' }) currency: string;
}

export const KEY_PROPERTY = {
  type: 'object',
  additionalProperties: { type: 'string', nullable: true },
  description: 'The group: { <dimension>: value } for each groupBy dimension (null: the facts have none, e.g. an unattributed order); {} without groupBy',
} as const;

export function scopeOf(ctx: RequestContext, body: { from: string; to: string; currency: string; groupBy?: Dimension[] }): KpiScope {
  checkRange(body.from, body.to);
  return { org: ctx.org, from: body.from, to: body.to, currency: body.currency, groupBy: body.groupBy ?? [] };
}

export function answerBase(scope: KpiScope): { from: string; to: string; currency: string } {
  return { from: scope.from, to: scope.to, currency: scope.currency };
}

export function moneyOf(amount: number | null, currency: string): KpiMoney {
  return { amount: Number(amount ?? 0), currency };
}

export function keyOf(key: KpiKey): Record<string, string | null> {
  return key as Record<string, string | null>;
}
