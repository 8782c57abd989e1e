import { Global, Module } from '@nestjs/common';
import { PROGRAM_CATALOG, rulesAt, type ProgramCatalog } from '@ledger/attribution';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { LIMITS } from '@ledger/kernel';
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
      inject: [PROGRAM_CATALOG, EVENT_STORE],
      useFactory: (catalog: ProgramCatalog, store: EventStore): CampaignTerms => ({
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
        catchUp: async () => {
          const head = await store.headPosition();
          return head === null || (await catalog.waitFor(head, LIMITS.catalog.ownWriteWaitMs));
        },
      }),
    },
  ],
  exports: [CAMPAIGN_TERMS],
})
export class CampaignTermsModule {}
