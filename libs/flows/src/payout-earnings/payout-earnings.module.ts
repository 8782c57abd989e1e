import { Global, Module } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import type { LedgerPartialDB } from '@ledger/ledger';
import { PAYOUT_LEDGER } from '@ledger/payouts';
import type { ProgramsTables } from '@ledger/programs';
import { DATABASE } from '@ledger/runtime';
import { PayoutLedgerAdapter } from './payout-ledger.adapter';

/** Binds the payouts context's PAYOUT_LEDGER port to the ledger (listed with PayoutsHttpModule on the HTTP side). */
@Global()
@Module({
  providers: [
    {
      provide: PAYOUT_LEDGER,
      inject: [EVENT_STORE, DATABASE],
      useFactory: (store: EventStore, db: Kysely<LedgerPartialDB & ProgramsTables>) => new PayoutLedgerAdapter(store, db),
    },
  ],
  exports: [PAYOUT_LEDGER],
})
export class PayoutEarningsModule {}
