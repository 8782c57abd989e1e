// Proves the EventStoreDB mapping without a server: system events are dropped, filters reach the server exactly, positions carry over.
import * as esdb from '@eventstore/db-client';
import type { AllStreamResolvedEvent } from '@eventstore/db-client';
import type { RecordedEvent } from '../event-store.port';
import { fromResolved, matches, serverFilter, toEventData } from './esdb-mapping';

const metadata = { org: 'acme', actorId: 'a', correlationId: 'c', schemaVersion: 1, occurredAt: '2026-01-01T00:00:00Z' };

function resolved(streamId: string, type: string): AllStreamResolvedEvent {
  return {
    event: {
      streamId,
      id: '0b5e1c64-4d4f-4c53-9d43-9a0c3b9f1a10',
      isJson: true,
      revision: 7n,
      type,
      created: new Date('2026-01-02T03:04:05.000Z'),
      data: { n: 1 },
      metadata,
      position: { commit: 42n, prepare: 41n },
    },
  } as AllStreamResolvedEvent;
}

it('maps a recorded event, keeping revision and (commit, prepare)', () => {
  expect(fromResolved(resolved('order-acme.1', 'OrderRecorded'))).toEqual({
    id: '0b5e1c64-4d4f-4c53-9d43-9a0c3b9f1a10',
    type: 'OrderRecorded',
    data: { n: 1 },
    metadata,
    stream: 'order-acme.1',
    revision: 7n,
    position: { commit: 42n, prepare: 41n },
    recordedAt: '2026-01-02T03:04:05.000Z',
  });
});

it('drops system streams and system event types', () => {
  expect(fromResolved(resolved('$stats-0.0.0.0:2113', 'Stats'))).toBeNull();
  expect(fromResolved(resolved('order-acme.1', '$metadata'))).toBeNull();
  expect(fromResolved({} as AllStreamResolvedEvent)).toBeNull();
});

it('sends stream prefixes, else exact event types, else "no system events" to the server', () => {
  expect(serverFilter(esdb, { streamPrefixes: ['order-'], eventTypes: ['A'] })).toMatchObject({ filterOn: 'streamName', prefixes: ['order-'] });
  const byType = serverFilter(esdb, { eventTypes: ['Order.Recorded', 'HoldPlaced'] }) as { filterOn: string; regex: string };
  expect(byType.filterOn).toBe('eventType');
  expect(new RegExp(byType.regex).test('Order.Recorded')).toBe(true);
  expect(new RegExp(byType.regex).test('OrderXRecorded')).toBe(false);
  expect(new RegExp(byType.regex).test('HoldPlacedAgain')).toBe(false);
  expect(serverFilter(esdb, undefined)).toMatchObject({ filterOn: 'eventType' });
});

it('applies both parts of a filter on the client', () => {
  const event = fromResolved(resolved('order-acme.1', 'OrderRecorded')) as RecordedEvent;
  expect(matches(event, { streamPrefixes: ['order-'], eventTypes: ['OrderRecorded'] })).toBe(true);
  expect(matches(event, { streamPrefixes: ['order-'], eventTypes: ['OrderReturned'] })).toBe(false);
  expect(matches(event, { streamPrefixes: ['payout-'] })).toBe(false);
  expect(matches(event, undefined)).toBe(true);
});

it('writes JSON events with our id', () => {
  const data = toEventData({ id: 'f2d9a4a8-7c39-4b5e-8f0e-2a1d9f6c0b11', type: 'T', data: { a: 1 }, metadata });
  expect(data).toEqual({ id: 'f2d9a4a8-7c39-4b5e-8f0e-2a1d9f6c0b11', contentType: 'application/json', type: 'T', data: { a: 1 }, metadata });
});
