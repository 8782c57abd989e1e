import { Global, Inject, Injectable, Module } from '@nestjs/common';
import type { Kysely } from 'kysely';
import type { DisputeResolution } from '@ledger/contracts';
import { DISPUTE_LEDGER, type DisputedSubject, type DisputeLedger } from '@ledger/disputes';
import { EVENT_STORE, foldStream, type EventMetadata, type EventStore, type Position } from '@ledger/event-store';
import {
  earningLedgerDecider,
  earningStream,
  EarningModifications,
  EarningModificationsModule,
  readEarningStreams,
  type LedgerPartialDB,
  type ModificationRequest,
} from '@ledger/ledger';
import { DATABASE } from '@ledger/runtime';

/**
 * The ledger side of disputes: a dispute holds its earning (hold kind `dispute`), and its resolution adjusts
 * the earning, or re-attributes it (a make-good of what was left for the other influencer + a reversal), all
 * through the ledger's own modification commands, referencing the dispute, in one atomic append.
 */
@Injectable()
export class DisputeLedgerBinding implements DisputeLedger {
  constructor(
    @Inject(EarningModifications) private readonly modifications: EarningModifications,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DATABASE) private readonly db: Kysely<LedgerPartialDB>,
  ) {}

  async subjectOf(org: string, subject: { kind: 'earning' | 'attribution'; id: string }): Promise<DisputedSubject | undefined> {
    const earningId = subject.kind === 'earning' ? subject.id.toLowerCase() : await this.levelOneEarningOf(org, subject.id);
    if (earningId === undefined || !/^[0-9a-f-]{36}$/.test(earningId)) return undefined;
    const stream = earningStream(org, earningId);
    const earning = foldStream(earningLedgerDecider, (await readEarningStreams(this.store, [stream])).get(stream) ?? []).earnings.get(earningId);
    if (earning === undefined) return undefined;
    // A fraud or manual hold is someone else's to release: the dispute does not replace it with its own.
    const holdable = earning.state === 'pending' || earning.state === 'payable' || (earning.state === 'held' && earning.hold.kind === 'period');
    return { influencerId: earning.influencerId, earningId, holdable };
  }

  async hold(org: string, metadata: (now: string) => EventMetadata, input: { disputeId: string; earningId: string; reasonCode: string }): Promise<Position | null> {
    return (await this.modifications.apply(org, metadata, [{ type: 'dispute_hold', ...input }])).position;
  }

  async release(org: string, metadata: (now: string) => EventMetadata, input: { disputeId: string; earningId: string; reasonCode: string }): Promise<Position | null> {
    return (await this.modifications.apply(org, metadata, [{ type: 'dispute_release', ...input }])).position;
  }

  async resolve(
    org: string,
    metadata: (now: string) => EventMetadata,
    input: { disputeId: string; earningId: string; held: boolean; resolution: DisputeResolution; note: string },
  ): Promise<{ modificationIds: string[]; position: Position | null }> {
    const { disputeId, earningId, resolution, note } = input;
    const release: ModificationRequest[] = input.held ? [{ type: 'dispute_release', earningId, disputeId, reasonCode: 'dispute_resolved' }] : [];
    const modificationId = `dispute:${disputeId}`;
    let requests: ModificationRequest[];
    switch (resolution.kind) {
      case 'adjust':
        requests = [{ type: 'adjust', earningId, modificationId, amount: resolution.amount!, applyCurrentTerms: false, reasonCode: 'dispute_resolved', note, disputeId }, ...release];
        break;
      case 'reassign':
        // What is left of the earning moves to the other influencer before the reversal takes it from this one.
        requests = [
          { type: 'make_good_of_rest', modificationId: `${modificationId}:make_good`, influencerId: resolution.influencerId!, originalEarningId: earningId, disputeId, reasonCode: 'dispute_reassigned', note },
          ...release,
          { type: 'reverse', earningId, modificationId, reasonCode: 'dispute_reassigned', note },
        ];
        break;
      case 'no_change':
        requests = release;
        break;
    }
    if (requests.length === 0) return { modificationIds: [], position: null };
    const outcome = await this.modifications.apply(org, metadata, requests);
    const modificationIds = requests.flatMap((r) => ('modificationId' in r ? [r.modificationId] : []));
    return { modificationIds, position: outcome.position };
  }

  private async levelOneEarningOf(org: string, orderId: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('ledger_earning')
      .select('earning_id')
      .where('org', '=', org)
      .where('order_id', '=', orderId)
      .where('level', '=', 1)
      .where('kind', '=', 'commission')
      .limit(1)
      .executeTakeFirst();
    return row?.earning_id.toLowerCase();
  }
}

/** Global: the disputes context injects DISPUTE_LEDGER from its own module. */
@Global()
@Module({
  imports: [EarningModificationsModule],
  providers: [DisputeLedgerBinding, { provide: DISPUTE_LEDGER, useExisting: DisputeLedgerBinding }],
  exports: [DISPUTE_LEDGER],
})
export class DisputeLedgerModule {}
