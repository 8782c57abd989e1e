/**
 * Shared building blocks of the acceptance and property tests: event-store reads per stream (to count what
 * was appended), earnings transitions as earning/get shows them, and small time helpers around T0.
 */
import { streamName, type Position, type RecordedEvent } from '@ledger/event-store';
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

/** The events of an influencer's earning streams (ADR 0009: one stream per earning), in $all order. */
export async function ledgerEventsOf(t: TestApp, org: string, influencerId: string): Promise<RecordedEvent[]> {
  const byStream = new Map<string, RecordedEvent[]>();
  for (let after: Position | null = null; ; ) {
    const page = await t.eventStore.readAll({ after, maxCount: 5_000, filter: { streamPrefixes: [`earning-${org}.`] } });
    if (page.length === 0) break;
    for (const e of page) byStream.set(e.stream, [...(byStream.get(e.stream) ?? []), e]);
    after = page.at(-1)!.position;
  }
  return [...byStream.values()].filter((events) => events[0]?.data.influencerId === influencerId).flat().sort((a, b) => (a.position.commit === b.position.commit ? Number(a.position.prepare - b.position.prepare) : a.position.commit < b.position.commit ? -1 : 1));
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
