import { Module } from '@nestjs/common';
import { ScmIntake } from './orders/scm-intake';

/** The batched SCM intake, one instance for the HTTP side and the NATS consumer of a process. */
@Module({ providers: [ScmIntake], exports: [ScmIntake] })
export class OrdersIntakeModule {}
