import { Global, Module, type DynamicModule, type Type } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { IdempotencyRetentionModule, LedgerHttpModule } from '@ledger/http';
import { LedgerRuntimeModule, READ_MODEL_PROGRESS, type LedgerRuntime } from '@ledger/runtime';
import { PROJECTION_PROGRESS } from '@ledger/projections';
import { HTTP_CAPABILITIES, WORKER_CAPABILITIES } from './capabilities';

export interface AppRoles {
  /** Serve HTTP: the edge plus every HTTP capability. */
  http: boolean;
  /** Run background work: every worker capability. (Projections run beside Nest, see runtime.ts.) */
  worker: boolean;
}

/** PROJECTION_PROGRESS for every module: the runtime's progress, the same object the edge waits on. */
@Global()
@Module({
  providers: [{ provide: PROJECTION_PROGRESS, useExisting: READ_MODEL_PROGRESS }],
  exports: [PROJECTION_PROGRESS],
})
class ProjectionProgressModule {}

/** The root module of every process: the runtime, then the HTTP side and/or the worker side. */
@Module({})
export class LedgerAppModule {
  static forRoot(runtime: LedgerRuntime, roles: AppRoles, extra: Array<Type | DynamicModule> = []): DynamicModule {
    return {
      module: LedgerAppModule,
      imports: [
        LedgerRuntimeModule.forRoot(runtime),
        ProjectionProgressModule,
        CqrsModule.forRoot(),
        ...(roles.http ? [LedgerHttpModule, ...HTTP_CAPABILITIES] : []),
        ...(roles.worker ? [IdempotencyRetentionModule, ...WORKER_CAPABILITIES] : []),
        ...extra,
      ],
    };
  }
}
