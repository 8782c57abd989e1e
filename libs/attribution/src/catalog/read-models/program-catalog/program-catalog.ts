// The program catalog: every org's campaigns, codes and influencers in memory, loaded from $all at
// start and kept current by following it. Checkout answers from it without touching the database;
// the attribution process manager judges orders against it.
import { abortableDelay, formatPosition, parseStreamName, type EventStore, type Position, type RecordedEvent } from '@ledger/event-store';
import { assert, LIMITS } from '@ledger/kernel';
import type { CampaignView, CatalogView, CodeView, InfluencerView } from '../../../domain';
import { CatalogCoverage } from './catalog-coverage';
import { EMPTY_CATALOG, OrgCatalog, type CatalogCounts } from './org-catalog';
import { isProgramEvent, PROGRAM_EVENTS_FILTER } from './program-events';

export const PROGRAM_CATALOG = Symbol('PROGRAM_CATALOG');

/** The slice of the app's Logger the catalog uses (tests pass a silent one). */
export interface CatalogLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const silent: CatalogLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

export class ProgramCatalog {
  private readonly orgs = new Map<string, OrgCatalog>();
  private readonly coverage = new CatalogCoverage();
  private readonly stopping = new AbortController();
  private following: Promise<void> | null = null;
  private probing: Promise<void> | null = null;
  private started = false;

  constructor(
    private readonly store: EventStore,
    private readonly log: CatalogLogger = silent,
  ) {}

  /**
   * The org's catalog as the domain reads it (validateCode, attribute). Live: later program events
   * show through it. An org with no program events yet gets an empty view — ask again later.
   */
  view(org: string): CatalogView {
    return this.orgs.get(org) ?? EMPTY_CATALOG;
  }

  /** By code as typed (any case, stray spaces). */
  code(org: string, code: string): CodeView | undefined {
    return this.orgs.get(org)?.findCode(code);
  }

  campaign(org: string, campaignId: string): CampaignView | undefined {
    return this.orgs.get(org)?.findCampaign(campaignId);
  }

  influencer(org: string, influencerId: string): InfluencerView | undefined {
    return this.orgs.get(org)?.findInfluencer(influencerId);
  }

  /** Every program event at or before this position is in the catalog; null before anything is known. */
  position(): Position | null {
    return this.coverage.covered;
  }

  /**
   * Resolves true once the catalog holds every program event at or before `position` (e.g. an order
   * event's position, or a command answer's), false after `timeoutMs`. It does not wait for the
   * follower's next poll: it reads the missing program events itself and folds them (probe), so a
   * command's own write is in the catalog two short reads after its append.
   */
  async waitFor(position: Position, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + Math.max(0, timeoutMs);
    for (;;) {
      if (this.coverage.covers(position)) return true;
      if (this.stopping.signal.aborted) return false;
      await this.probe();
      if (this.coverage.covers(position)) return true;
      const leftMs = deadline - Date.now();
      if (leftMs <= 0) return false;
      // Not visible to $all yet (an older transaction somewhere in the cluster still runs): look again soon.
      await this.coverage.nextAdvance(Math.min(LIMITS.catalog.waitForPollMs, leftMs));
    }
  }

  counts(): CatalogCounts & { orgs: number } {
    const total = { orgs: this.orgs.size, campaigns: 0, codes: 0, influencers: 0 };
    for (const org of this.orgs.values()) {
      const c = org.counts();
      total.campaigns += c.campaigns;
      total.codes += c.codes;
      total.influencers += c.influencers;
    }
    return total;
  }

  /** Loads every program event of $all (bounded batches), then follows $all in the background. */
  async start(): Promise<void> {
    assert(!this.started, 'the program catalog starts once');
    this.started = true;
    const startedMs = Date.now();
    const events = await this.load();
    const loaded = this.position();
    this.log.info('program catalog loaded', { events, ms: Date.now() - startedMs, ...this.counts(), position: loaded && formatPosition(loaded) });
    this.following = this.follow(this.stopping.signal);
  }

  /** Stops following (waits, bounded, for the batch in hand) and releases every waiter. */
  async stop(): Promise<void> {
    this.stopping.abort();
    this.coverage.wakeAll();
    if (this.following === null) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, LIMITS.catalog.stopWaitMs)));
    await Promise.race([this.following, timeout]);
    clearTimeout(timer);
  }

  /** Folds events of $all, in $all order, each once. Exposed for tests and tools; the follower calls it. */
  apply(events: readonly RecordedEvent[]): void {
    for (const event of events) {
      if (!isProgramEvent(event.type) || this.coverage.seen(event.position)) continue;
      const org = orgOf(event);
      let catalog = this.orgs.get(org);
      if (catalog === undefined) {
        catalog = new OrgCatalog();
        this.orgs.set(org, catalog);
      }
      if (catalog.apply(event.type, event.data) === 'orphan') {
        // A stream's first event creates its entity, so this is a writer's bug; checkout must go on.
        this.log.warn('program event for an unknown campaign, code or influencer: ignored', { type: event.type, stream: event.stream, org });
      }
      this.coverage.markApplied(event.position);
    }
  }

  private async load(): Promise<number> {
    // The head is read BEFORE the events: everything up to it is final, so once the reads come
    // back short the catalog covers the head even if its last program event is far behind.
    const head = await this.store.headPosition();
    let after: Position | null = null;
    let count = 0;
    for (;;) {
      const events = await this.store.readAll({ after, maxCount: LIMITS.catalog.loadBatchEvents, filter: PROGRAM_EVENTS_FILTER });
      this.apply(events);
      count += events.length;
      if (events.length < LIMITS.catalog.loadBatchEvents) break;
      after = events[events.length - 1]!.position;
    }
    if (head !== null) this.coverage.advance(head);
    return count;
  }

  private async follow(signal: AbortSignal): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      try {
        const batches = this.store.followAll({
          after: this.coverage.covered,
          filter: PROGRAM_EVENTS_FILTER,
          batchSize: LIMITS.catalog.followBatchEvents,
          pollMs: LIMITS.catalog.followPollMs,
          signal,
        });
        for await (const batch of batches) {
          this.apply(batch);
          failures = 0;
        }
        // followAll ends only when aborted or when the store closes under us (shutdown order).
        if (!signal.aborted) this.log.warn('program catalog: the event store stopped the follow; the catalog no longer updates');
        return;
      } catch (error) {
        if (signal.aborted) return;
        failures += 1;
        const retryInMs = Math.min(LIMITS.catalog.followRetryBaseMs * 2 ** Math.min(failures - 1, 20), LIMITS.catalog.followRetryMaxMs);
        this.log.error('program catalog: following $all failed; retrying from its position', { err: error, failures, retryInMs });
        await abortableDelay(retryInMs, signal);
      }
    }
  }

  /** One head + one filtered read, shared by every concurrent waiter. */
  private probe(): Promise<void> {
    this.probing ??= this.readAhead()
      .catch((error: unknown) => {
        this.log.warn('program catalog: could not read ahead of the follower for waitFor', { err: error });
      })
      .finally(() => (this.probing = null));
    return this.probing;
  }

  /**
   * Folds, ahead of the follower, the program events after what the catalog covers. Safe beside the
   * follower: both read $all in order and apply() skips what either folded already.
   */
  private async readAhead(): Promise<void> {
    const from = this.coverage.covered;
    const head = await this.store.headPosition(); // before the read: everything up to it is final
    if (head === null) return;
    const events = await this.store.readAll({ after: from, maxCount: LIMITS.catalog.followBatchEvents, filter: PROGRAM_EVENTS_FILTER });
    this.apply(events);
    // A short read saw every program event its snapshot shows, and that snapshot is no older than the
    // head's: the catalog is complete up to the head even where $all holds no program event.
    if (events.length < LIMITS.catalog.followBatchEvents) this.coverage.advance(head);
  }
}

/** Event metadata names the org (ARCHITECTURE rule 5); the stream name says it too, for older writers. */
function orgOf(event: RecordedEvent): string {
  const org = event.metadata?.org;
  return typeof org === 'string' && org.length > 0 ? org : parseStreamName(event.stream).org;
}
