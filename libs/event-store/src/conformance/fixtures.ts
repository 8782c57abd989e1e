import { randomBytes } from 'node:crypto';
import { randomId } from '@ledger/kernel';
import type { AllFilter, EventStore, NewEvent, Position, RecordedEvent } from '../event-store.port';

// Test data for the conformance suite. Every test works in an org of its own, so the tests of
// one file (and repeated runs against a long-lived EventStoreDB) never see each other's events.

export function newOrg(): string {
  return `t${randomBytes(5).toString('hex')}`;
}

export function newEvent(org: string, type = 'ThingHappened', data: Record<string, unknown> = {}): NewEvent {
  return {
    id: randomId(),
    type,
    data: { ...data },
    metadata: {
      org,
      actorId: 'conformance',
      correlationId: 'conformance',
      schemaVersion: 1,
      occurredAt: '2026-01-01T00:00:00.000Z',
    },
  };
}

export function newEvents(org: string, count: number, type = 'ThingHappened'): NewEvent[] {
  return Array.from({ length: count }, (_, n) => newEvent(org, type, { n }));
}

/**
 * Reads $all after `after` to its end, page by page. Keeps reading until `expected` events
 * came back: on PostgreSQL an event becomes readable in $all once every older transaction
 * of the cluster has ended (ADR 0002), which other test files may delay a little.
 */
export async function readAllUntil(
  store: EventStore,
  options: { after?: Position | null; filter?: AllFilter; expected: number; pageSize?: number; timeoutMs?: number },
): Promise<RecordedEvent[]> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  for (;;) {
    const events: RecordedEvent[] = [];
    let after = options.after ?? null;
    for (;;) {
      const page = await store.readAll({ after, maxCount: options.pageSize ?? 500, filter: options.filter });
      events.push(...page);
      if (page.length === 0) break;
      after = page[page.length - 1]!.position;
    }
    if (events.length >= options.expected || Date.now() > deadline) return events;
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function ids(events: Array<{ id: string }>): string[] {
  return events.map((e) => e.id);
}
