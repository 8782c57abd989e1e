// Loads what the process manager decides on: order streams, and the customers' touches.
import type { TouchForAttribution } from '@ledger/attribution';
import type { TouchRecorded } from '@ledger/contracts';
import { parseStreamName, streamName, type EventStore, type RecordedEvent } from '@ledger/event-store';
import { LIMITS } from '@ledger/kernel';
import { needsAttribution, orderDecider, type OrderState } from '@ledger/orders';

export interface LoadedOrder {
  stream: string;
  org: string;
  orderId: string;
  events: RecordedEvent[];
  state: OrderState;
  /** Last revision read: the expected revision of what we append to this order stream. */
  revision: bigint;
}

/** The order streams, folded, in the order given (one round trip). */
export async function loadOrders(store: EventStore, streams: readonly string[]): Promise<LoadedOrder[]> {
  const read = await store.readStreams([...streams]);
  const loaded: LoadedOrder[] = [];
  for (const stream of streams) {
    const events = read.get(stream) ?? [];
    const last = events.at(-1);
    if (last === undefined) continue; // cannot happen for a stream we saw an event of; nothing to do anyway
    const { org, id } = parseStreamName(stream);
    let state = orderDecider.initialState();
    for (const event of events) state = orderDecider.evolve(state, { type: event.type, data: event.data } as never);
    loaded.push({ stream, org, orderId: id, events, state, revision: last.revision });
  }
  return loaded;
}

/**
 * The customer's latest touches, at most LIMITS.attribution.touchesPerCustomer (newest first
 * read, so the bound drops the oldest, which are the first to fall out of any window).
 */
export async function loadTouches(store: EventStore, org: string, customerRef: string): Promise<TouchForAttribution[]> {
  const events = await store.readStream(streamName('customer', org, customerRef), {
    direction: 'backwards',
    maxCount: LIMITS.attribution.touchesPerCustomer,
  });
  return touchesFrom(events.reverse());
}

/** The touches among a customer's events (oldest first), as attribution takes them. */
function touchesFrom(events: readonly RecordedEvent[]): TouchForAttribution[] {
  return events
    .filter((e) => e.type === 'TouchRecorded')
    .map((e) => {
      const t = e.data as unknown as TouchRecorded;
      return {
        touchId: t.touchId,
        code: t.code,
        codeKind: t.codeKind,
        touchKind: t.touchKind,
        campaignId: t.campaignId,
        influencerId: t.influencerId,
        channel: t.channel,
        occurredAt: t.occurredAt,
      };
    });
}

/** The event that recorded a fact of the order stream: the cause in the metadata of what follows from it. */
export function causeOf(order: LoadedOrder, reference?: { kind: string; id: string }): RecordedEvent {
  const match = (e: RecordedEvent): boolean => {
    if (reference === undefined) return e.type === 'OrderRecorded';
    if (reference.kind === 'cancellation') return e.type === 'OrderCancelled';
    return e.type === 'OrderReturned' && (e.data as { returnId?: string }).returnId === reference.id;
  };
  return order.events.find(match) ?? order.events.at(-1)!;
}

/**
 * The touches of every customer whose order waits for its decision: one readStreams round trip per
 * chunk of customers, keeping of each stream what loadTouches keeps (its last
 * LIMITS.attribution.touchesPerCustomer events, then the touches among them). Should a chunk be
 * too much for one read (the store bounds a read; one customer with a huge stream), that chunk goes
 * customer by customer with the bounded backwards read.
 */
export async function touchesOf(store: EventStore, orders: readonly LoadedOrder[]): Promise<Map<string, TouchForAttribution[]>> {
  const waiting = orders.filter((o) => needsAttribution(o.state));
  const customerStream = (o: LoadedOrder) => streamName('customer', o.org, (o.state as Extract<OrderState, { status: 'recorded' }>).order.customerRef);
  const found = new Map<string, TouchForAttribution[]>();
  for (let i = 0; i < waiting.length; i += CUSTOMERS_PER_READ) {
    const chunk = waiting.slice(i, i + CUSTOMERS_PER_READ);
    let read: Map<string, RecordedEvent[]>;
    try {
      read = await store.readStreams([...new Set(chunk.map(customerStream))]);
    } catch {
      for (let j = 0; j < chunk.length; j += PARALLEL_TOUCH_READS) {
        const few = chunk.slice(j, j + PARALLEL_TOUCH_READS);
        const touches = await Promise.all(few.map((o) => loadTouches(store, o.org, (o.state as Extract<OrderState, { status: 'recorded' }>).order.customerRef)));
        few.forEach((o, k) => found.set(o.stream, touches[k]!));
      }
      continue;
    }
    for (const o of chunk) found.set(o.stream, touchesFrom((read.get(customerStream(o)) ?? []).slice(-LIMITS.attribution.touchesPerCustomer)));
  }
  return found;
}

const PARALLEL_TOUCH_READS = 8;
const CUSTOMERS_PER_READ = 500;
