// Gauges for what stalls the event store's readers: the oldest open transaction, and how long
// $all has been held back by one (libs/event-store xid-horizon.ts).
import { Gauge } from 'prom-client';
import { LIMITS } from '@ledger/kernel';
import type { Logger } from './logger';
import type { Metrics } from './metrics';

export interface TransactionAgeSample {
  oldestTransactionSeconds: number;
  allReaderWaitSeconds: number;
}

/**
 * Sampled when /metrics is scraped, at most once per LIMITS.http.transactionAgeSampleMs however
 * often it is scraped (the route is public), and concurrent scrapes share one query. A failed
 * sample leaves the last values: metrics still answer while the database is in trouble.
 */
export function registerTransactionAgeGauges(metrics: Metrics, sample: () => Promise<TransactionAgeSample>, log: Logger, nowMs: () => number = Date.now): void {
  let last: TransactionAgeSample = { oldestTransactionSeconds: 0, allReaderWaitSeconds: 0 };
  let sampledAtMs = -Infinity;
  let inFlight: Promise<TransactionAgeSample> | null = null;
  const current = async (): Promise<TransactionAgeSample> => {
    if (nowMs() - sampledAtMs < LIMITS.http.transactionAgeSampleMs) return last;
    inFlight ??= sample()
      .then((fresh) => {
        last = fresh;
        sampledAtMs = nowMs();
        return fresh;
      })
      .catch((error: unknown) => {
        log.warn('metrics: transaction ages unavailable', { err: error });
        return last;
      })
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  };
  new Gauge({
    name: 'ledger_db_oldest_transaction_age_seconds',
    help: 'Age of the oldest transaction open in the ledger database (a long one holds back $all readers and vacuum)',
    registers: [metrics.registry],
    async collect() {
      this.set((await current()).oldestTransactionSeconds);
    },
  });
  new Gauge({
    name: 'ledger_event_store_all_reader_wait_seconds',
    help: 'How long $all readers (projections, catalog, process managers) have been held back by a running transaction; 0 when not',
    registers: [metrics.registry],
    async collect() {
      this.set((await current()).allReaderWaitSeconds);
    },
  });
}
