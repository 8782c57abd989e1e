import { Module } from '@nestjs/common';
import { PlaceHoldController } from './earnings/commands/place-hold/place-hold.http.controller';
import { ReleaseDueController } from './earnings/commands/release-due/release-due.http.controller';
import { ReleaseDueService } from './earnings/commands/release-due/release-due.service';
import { ReleaseHoldController } from './earnings/commands/release-hold/release-hold.http.controller';
import { EarningSelectionHandler } from './earnings/commands/shared/earning-selection.handler';
import { GetBalanceController } from './earnings/queries/get-balance/get-balance.http.controller';
import { EvidenceCoverageController } from './earnings/queries/evidence-coverage/evidence-coverage.http.controller';
import { GetEarningController } from './earnings/queries/get-earning/get-earning.http.controller';
import { ListEarningsController } from './earnings/queries/list-earnings/list-earnings.http.controller';
import { AdjustEarningController } from './modifications/commands/adjust-earning/adjust-earning.http.controller';
import { ImportModificationsController } from './modifications/commands/import-modifications/import-modifications.http.controller';
import { MakeGoodController } from './modifications/commands/make-good/make-good.http.controller';
import { ReverseEarningController } from './modifications/commands/reverse-earning/reverse-earning.http.controller';
import { EarningModificationsModule } from './modifications/earning-modifications.module';
import { LedgerAsOfController } from './earnings/queries/ledger-as-of/ledger-as-of.http.controller';

/**
 * The ledger over HTTP: earning/list | get | hold | release | release-due | adjust | reverse | make-good | import, balance/get,
 * audit/evidence-coverage.
 * (Not "LedgerHttpModule": that name is the HTTP edge's, in @ledger/http.)
 */
@Module({
  imports: [EarningModificationsModule],
  controllers: [
    ListEarningsController, GetEarningController, PlaceHoldController, ReleaseHoldController, ReleaseDueController, GetBalanceController,
    AdjustEarningController, ReverseEarningController, MakeGoodController, ImportModificationsController,
    LedgerAsOfController,
    EvidenceCoverageController,
  ],
  providers: [EarningSelectionHandler, ReleaseDueService],
})
export class EarningLedgerHttpModule {}
