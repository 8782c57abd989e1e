// The ledger's streams (ADR 0009), each bounded: one per earning, one month tally per
// (influencer, campaign, currency, month) read only by its last event, one conversion per order.
import { STREAM_CATEGORIES } from '@ledger/contracts';
import { streamName } from '@ledger/event-store';
import type { MonthScope } from '../domain/earnings';

export function earningStream(org: string, earningId: string): string {
  return streamName(STREAM_CATEGORIES.earning, org, earningId);
}

/**
 * `earningmonth-<org>.<influencerId>.<campaignId>.<currency>.<YYYY-MM>`. Ids are free text: a `.` (and
 * the escape character) in one is escaped, so two scopes never share a stream and the name stays readable.
 */
export function monthTallyStream(org: string, scope: MonthScope): string {
  return streamName(STREAM_CATEGORIES.earningMonth, org, [scope.influencerId, scope.campaignId, scope.currency, scope.month].map(escapeDots).join('.'));
}

export function conversionStream(org: string, orderId: string): string {
  return streamName(STREAM_CATEGORIES.conversion, org, orderId);
}

export function influencerStream(org: string, influencerId: string): string {
  return streamName(STREAM_CATEGORIES.influencer, org, influencerId);
}

function escapeDots(part: string): string {
  return part.replace(/%/g, '%25').replace(/\./g, '%2E');
}
