import { Module } from '@nestjs/common';
import { DisputeCommands } from './disputes/commands/shared/dispute-commands.service';
import { OpenDisputeController } from './disputes/commands/open-dispute/open-dispute.http.controller';
import { RejectDisputeController } from './disputes/commands/reject-dispute/reject-dispute.http.controller';
import { ResolveDisputeController } from './disputes/commands/resolve-dispute/resolve-dispute.http.controller';
import { ReviewDisputeController } from './disputes/commands/review-dispute/review-dispute.http.controller';
import { WithdrawDisputeController } from './disputes/commands/withdraw-dispute/withdraw-dispute.http.controller';
import { GetDisputeController } from './disputes/queries/get-dispute/get-dispute.http.controller';
import { ListDisputesController } from './disputes/queries/list-disputes/list-disputes.http.controller';

/**
 * Disputes over HTTP: dispute/open | review | resolve | reject | withdraw | get | list. Needs DISPUTE_LEDGER,
 * bound globally by @ledger/flows' DisputeLedgerModule (the ledger side of holds and resolutions).
 */
@Module({
  controllers: [OpenDisputeController, ReviewDisputeController, ResolveDisputeController, RejectDisputeController, WithdrawDisputeController, GetDisputeController, ListDisputesController],
  providers: [DisputeCommands],
})
export class DisputesHttpModule {}
