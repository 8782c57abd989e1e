// Proves the evidence row's fold event by event, in memory (pure: no database): each earning-stream fact applies once (at or before the row's position → null), adjustments accumulate oldest first, a cancelled batch unlinks only itself, EarningPaid's `<batchId>:<itemId>` links a batch only when none is known, and a posted item (not on the earning's stream) is never position-guarded.
import type { RecordedEvent } from '@ledger/event-store';
import { applyEarningFact, emptyEarningRow, type EvidenceEarningRow } from './evidence-earning-fold';

const AT = '2026-03-05T10:00:00.000Z';
const EUR = (amount: number) => ({ amount, currency: 'EUR' });
let position = 0n;
const event = (type: string, data: Record<string, unknown>, at = ++position): RecordedEvent =>
  ({ id: `ev-${at}`, type, data, stream: 'earning-acme.e-1', revision: 0n, position: { commit: at, prepare: at }, recordedAt: AT, metadata: { org: 'acme' } }) as unknown as RecordedEvent;

function fold(events: RecordedEvent[], row: EvidenceEarningRow = emptyEarningRow('acme', 'e-1')): EvidenceEarningRow {
  return events.reduce((r, e) => applyEarningFact(r, e) ?? r, row);
}

const accrued = event('EarningAccrued', {
  earningId: 'e-1', influencerId: 'ada', campaignId: 'camp', orderId: 'o-1', channel: 'ecommerce', level: 1, amount: EUR(1_000), rulesVersion: 2,
  calculation: { basis: 'percent', commissionBase: 10_000, rateBps: 1_000, beforeCap: 1_000, lines: [] }, occurredAt: AT, sourceRef: 'scm-o-1',
});
const adjusted = (modificationId: string) =>
  event('EarningAdjusted', { earningId: 'e-1', modificationId, previousAmount: EUR(1_000), amount: EUR(900), delta: EUR(-100), reasonCode: 'typo', applyCurrentTerms: false, rulesVersion: 2, at: AT });

it('accrual sets order, rules and calculation; an event at or before the row position is no change (null)', () => {
  const row = fold([accrued]);
  expect(row).toMatchObject({ order_id: 'o-1', campaign_id: 'camp', rules_version: 2, calculation: { basis: 'percent' }, accrued: { sourceRef: 'scm-o-1', amount: EUR(1_000) } });
  expect(applyEarningFact(row, accrued)).toBeNull();
});

it('adjustments accumulate oldest first; a replayed one is not added twice', () => {
  const first = adjusted('m-1');
  const second = adjusted('m-2');
  const row = fold([accrued, first, second, first]);
  expect(row.adjustments.map((a) => a.modificationId)).toEqual(['m-1', 'm-2']);
});

it('EarningUnfinalized unlinks only the batch it names; EarningPaid links its payout batch only when none is known', () => {
  const inB0 = fold([accrued, event('EarningFinalized', { earningId: 'e-1', batchId: 'b-0', itemId: 'i-0', at: AT })]);
  expect(fold([event('EarningUnfinalized', { earningId: 'e-1', batchId: 'b-9', itemId: 'i-9', at: AT })], inB0)).toMatchObject({ batch_id: 'b-0', item_id: 'i-0' });
  const out = fold([event('EarningUnfinalized', { earningId: 'e-1', batchId: 'b-0', itemId: 'i-0', at: AT })], inB0);
  expect(out).toMatchObject({ batch_id: null, item_id: null });
  const paid = fold([event('EarningPaid', { earningId: 'e-1', amount: EUR(1_000), payoutId: 'b-1:i-1', at: AT })], out);
  expect(paid).toMatchObject({ batch_id: 'b-1', item_id: 'i-1', paid_at: AT, paid: { payoutId: 'b-1:i-1' } });
  const kept = fold([event('EarningPaid', { earningId: 'e-1', amount: EUR(1_000), payoutId: 'b-5:i-5', at: AT })], inB0);
  expect(kept).toMatchObject({ batch_id: 'b-0', item_id: 'i-0' });
  const manual = fold([event('EarningPaid', { earningId: 'e-1', amount: EUR(1_000), payoutId: 'manual-1', at: AT })], out);
  expect(manual).toMatchObject({ batch_id: null, paid: { payoutId: 'manual-1' } });
});

it("a posted item sets its column whatever the row's position (it is on the payout stream)", () => {
  const row = fold([accrued]);
  const posted = event('PayoutItemPosted', { batchId: 'b-1', itemId: 'i-1', earningIds: ['e-1'], providerRef: 'tr_1', at: AT }, 0n);
  expect(applyEarningFact(row, posted)).toMatchObject({ posted: { batchId: 'b-1', itemId: 'i-1', providerRef: 'tr_1' }, last_commit_position: row.last_commit_position });
});
