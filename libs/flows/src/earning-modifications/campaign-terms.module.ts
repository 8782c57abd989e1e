import { Global, Module } from '@nestjs/common';
import { PROGRAM_CATALOG, rulesAt, type ProgramCatalog } from '@ledger/attribution';
import { CAMPAIGN_TERMS, type CampaignTerms } from '@ledger/ledger';

/**
 * The ledger's modifications read campaign rules (lock days, the recorded or today's version for a
 * recalculation) from the program catalog: the port is the ledger's, the catalog the attribution
 * context's (loaded from the programs' streams); contexts are peers, so the binding lives here.
 */
@Global()
@Module({
  providers: [
    {
      provide: CAMPAIGN_TERMS,
      inject: [PROGRAM_CATALOG],
      useFactory: (catalog: ProgramCatalog): CampaignTerms => ({
        version: (org, campaignId, rulesVersion) => {
          const found = catalog.campaign(org, campaignId)?.rulesVersions.find((v) => v.rulesVersion === rulesVersion);
          return found && { rulesVersion: found.rulesVersion, rules: found.rules };
        },
        inForceAt: (org, campaignId, at) => {
          const campaign = catalog.campaign(org, campaignId);
          if (campaign === undefined) return undefined;
          const found = rulesAt(campaign, Date.parse(at));
          return { rulesVersion: found.rulesVersion, rules: found.rules };
        },
      }),
    },
  ],
  exports: [CAMPAIGN_TERMS],
})
export class CampaignTermsModule {}
