import { Inject, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@ledger/config';
import type { Kysely } from 'kysely';
import { DATABASE, Logger } from '@ledger/runtime';
import { ScmIntake } from './orders/scm-intake';
import { ScmNatsConsumer } from './orders/consumers/scm-nats/scm-nats.consumer';
import { natsConsumerName } from './orders/consumers/scm-nats/scm-nats.parking';
import { scmNatsSettings } from './orders/consumers/scm-nats/scm-nats.settings';
import { OrdersIntakeModule } from './orders.intake.module';

export const SCM_NATS_CONSUMER = Symbol('SCM_NATS_CONSUMER');

/**
 * The orders' background work: the NATS JetStream SCM consumer, when NATS_URL is set. It starts
 * once the app is up and stops (current batch settled, connection drained) before the runtime closes.
 */
@Module({
  imports: [OrdersIntakeModule],
  providers: [
    {
      provide: SCM_NATS_CONSUMER,
      inject: [APP_CONFIG, ScmIntake, Logger, DATABASE],
      useFactory: (config: AppConfig, intake: ScmIntake, logger: Logger, db: Kysely<any>): ScmNatsConsumer | null => {
        const settings = scmNatsSettings(config);
        if (settings === null) {
          logger.info('NATS_URL unset: the SCM consumer does not run');
          return null;
        }
        return new ScmNatsConsumer(settings, intake, logger.child({ component: 'scm-nats' }), { db, consumer: natsConsumerName(settings.durable) });
      },
    },
  ],
})
export class OrdersWorkerModule implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(@Inject(SCM_NATS_CONSUMER) private readonly consumer: ScmNatsConsumer | null) {}

  onApplicationBootstrap(): void {
    this.consumer?.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.consumer?.stop();
  }
}
