// campaign/update is a partial replacement of the current rules: each rules field the request gives
// replaces that field of the current version wholesale (no deep merge: `earnings` is one rule), fields
// it leaves out carry over, and `null` clears an optional field (startsAt, caps, …). Pure.
import type { CampaignRules } from '@ledger/contracts';
import type { CampaignRulesInput } from '../../../domain';
import type { RuleField } from '../../campaign-rules.request.dto';

export type RulesPatch = Partial<Record<RuleField, unknown>>;

/**
 * The rules document of the next version. A `null` on a required field (say `earnings`) leaves it out,
 * and the domain's validateCampaignRules names it in the 400.
 */
export function patchedRules(current: CampaignRules, patch: RulesPatch): CampaignRulesInput {
  const next: Record<string, unknown> = { ...current };
  for (const [field, value] of Object.entries(patch)) {
    if (value === null) delete next[field];
    else if (value !== undefined) next[field] = value;
  }
  return next as unknown as CampaignRulesInput;
}
