// The campaign rules a modification needs (lock date, recalculation). The rules are the programs
// context's; the ledger only names what it needs, and libs/flows binds it to the program catalog.
import type { CampaignRules } from '@ledger/contracts';

export const CAMPAIGN_TERMS = Symbol('CAMPAIGN_TERMS');

export interface TermsVersion {
  rulesVersion: number;
  rules: CampaignRules;
}

export interface CampaignTerms {
  /** That version of the campaign's rules; undefined for an unknown campaign or version. */
  version(org: string, campaignId: string, rulesVersion: number): TermsVersion | undefined;
  /** The version in force at `at` (today's terms); undefined for an unknown campaign. */
  inForceAt(org: string, campaignId: string, at: string): TermsVersion | undefined;
  /**
   * Resolves once every program event stored so far is known here (bounded wait), so "today's terms" are
   * today's and not a version behind; false when the wait ran out.
   */
  catchUp(): Promise<boolean>;
}
