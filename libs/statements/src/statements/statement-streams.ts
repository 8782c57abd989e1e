import { STREAM_CATEGORIES } from '@ledger/contracts';
import { streamName } from '@ledger/event-store';
import { deterministicId } from '@ledger/kernel';

/** One issued statement: one event (StatementIssued). */
export const statementStream = (org: string, statementId: string) => streamName(STREAM_CATEGORIES.statement, org, statementId);
/** The influencer's numbering: one StatementNumbered per statement, bounded by LIMITS.statements.statementsPerInfluencer. */
export const statementSeriesStream = (org: string, influencerId: string) => streamName(STREAM_CATEGORIES.statementSeries, org, influencerId);
/** Read only (stream-ownership spec lists it): does the influencer exist, for a 404. */
export const influencerProfileStream = (org: string, influencerId: string) => streamName(STREAM_CATEGORIES.influencer, org, influencerId);

/** The same influencer, currency and period is the same statement: generating it again finds it. */
export const statementIdOf = (org: string, influencerId: string, currency: string, periodStart: string, periodEnd: string) =>
  deterministicId(org, 'statement', influencerId, currency, periodStart, periodEnd);

/** Instants in one spelling (UTC, milliseconds): the id and the answers never depend on how the caller wrote them. */
export const canonicalInstant = (iso: string) => new Date(Date.parse(iso)).toISOString();
