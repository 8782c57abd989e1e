/**
 * Shared building blocks of the acceptance and property tests: event-store reads per stream (to count what
 * was appended), earnings transitions as earning/get shows them, and small time helpers around T0.
 */
import { sql } from 'kysely';
import { comparePositions, streamName, type RecordedEvent } from '@ledger/event-store';
import type { TestApp } from './app';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export const at = (base: string, ms: number): string => new Date(Date.parse(base) + ms).toISOString();
export const sameInstant = (a: unknown, b: string): boolean => typeof a === 'string' && Date.parse(a) === Date.parse(b);

export async function streamEvents(
  t: TestApp,
  category: 'order' | 'influencer' | 'campaign' | 'customer' | 'code' | 'earning' | 'earningmonth' | 'conversion',
  org: string,
  id: string,
): Promise<RecordedEvent[]> {
  return t.eventStore.readStream(streamName(category, org, id), { maxCount: 10_000 });
}

/**
 * The events of an influencer's earning streams (ADR 0009: one stream per earning), in $all order. The streams
 * are found in the PostgreSQL adapter's stream table and read directly: $all's visible head trails behind any
 * transaction running on the cluster.
 */
export async function ledgerEventsOf(t: TestApp, org: string, influencerId: string): Promise<RecordedEvent[]> {
  const { rows } = await sql<{ stream_name: string }>`select stream_name from es_stream where stream_name like ${`earning-${org}.%`} order by stream_name limit 10000`.execute(t.db);
  const byStream = await t.eventStore.readStreams(rows.map((r) => r.stream_name));
  return [...byStream.values()]
    .filter((events) => events[0]?.data.influencerId === influencerId)
    .flat()
    .sort((a, b) => comparePositions(a.position, b.position));
}
/** `{ EventType: count }` of a stream, optionally only the events whose data mention `about` (e.g. an earning id). */
export function countByType(events: RecordedEvent[], about?: (data: Record<string, unknown>) => boolean): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of events) {
    if (about && !about(e.data)) continue;
    counts[e.type] = (counts[e.type] ?? 0) + 1;
  }
  return counts;
}

/** The transition history of an earning/get answer. */
export function transitionsOf(earning: Record<string, any>): Array<Record<string, any>> {
  const list = earning.transitions ?? earning.history ?? earning.earning?.transitions;
  if (!Array.isArray(list)) throw new Error(`earning/get shows no transitions: ${JSON.stringify(earning)}`);
  return list as Array<Record<string, any>>;
}
