import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_CONFIG } from '@ledger/config';
import { EVENT_STORE } from '@ledger/event-store';
import { CLOCK } from '@ledger/kernel';
import { Logger } from './observability/logger';
import { Metrics } from './observability/metrics';
import type { LedgerRuntime } from './ledger-runtime';
import { DATABASE, READ_MODEL_PROGRESS } from './tokens';
import { READ_MODEL_VERIFIER } from './read-model-verifier';

export const LEDGER_RUNTIME = Symbol('LEDGER_RUNTIME');

/**
 * Makes the runtime's resources injectable everywhere (global): every capability module can use them.
 * PROJECTION_PROGRESS (same object as READ_MODEL_PROGRESS) is provided by the app composition,
 * because this lib must not load @ledger/projections at runtime (see READ_MODEL_PROGRESS).
 */
@Global()
@Module({})
export class LedgerRuntimeModule {
  static forRoot(runtime: LedgerRuntime): DynamicModule {
    const providers = [
      { provide: LEDGER_RUNTIME, useValue: runtime },
      { provide: APP_CONFIG, useValue: runtime.config },
      { provide: DATABASE, useValue: runtime.db },
      { provide: EVENT_STORE, useValue: runtime.eventStore },
      { provide: READ_MODEL_PROGRESS, useValue: runtime.progress },
      { provide: CLOCK, useValue: runtime.clock },
      { provide: Logger, useValue: runtime.logger },
      { provide: Metrics, useValue: runtime.metrics },
      { provide: READ_MODEL_VERIFIER, useValue: runtime.verifier ?? null },
    ];
    return { module: LedgerRuntimeModule, providers, exports: providers.map((p) => p.provide) };
  }
}
