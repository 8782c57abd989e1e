import { Module } from '@nestjs/common';
import { EarningModifications } from './earning-modifications.service';

/**
 * The modification service without its HTTP surface: the ledger's HTTP module uses it, and flows
 * (disputes) import it to modify earnings through the ledger's own decider. It needs CAMPAIGN_TERMS,
 * bound globally by @ledger/flows' CampaignTermsModule.
 */
@Module({ providers: [EarningModifications], exports: [EarningModifications] })
export class EarningModificationsModule {}
