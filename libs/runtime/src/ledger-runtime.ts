import type { Kysely } from 'kysely';
import type { AppConfig } from '@ledger/config';
import type { EventStore } from '@ledger/event-store';
import type { Clock } from '@ledger/kernel';
import type { ReadModelProgress } from './read-model-progress';
import type { ReadModelVerifier } from './read-model-verifier';
import type { Logger } from './observability/logger';
import type { Metrics } from './observability/metrics';

/**
 * The resources a process runs on, created outside Nest at start-up (database, migrations,
 * event store, projection runtime) and handed to the modules as values. Start-up owns their
 * lifecycle; Nest only borrows them.
 */
export interface LedgerRuntime {
  /** Resolved config: `auth.jwtSecret` is set (a generated one when the env had none) unless only JWKS is used. */
  config: AppConfig;
  db: Kysely<any>;
  eventStore: EventStore;
  progress: ReadModelProgress;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  /** audit/verify's rebuild-beside-live checksums; absent where the process cannot run them. */
  verifier?: ReadModelVerifier;
}
