// One org's programs in memory: campaigns, codes and influencers, folded from program events.
// It is the CatalogView the domain reads (validateCode, attribute), so lookups are plain map gets.
import type {
  CampaignActivated,
  CampaignClosed,
  CampaignCreated,
  CampaignPaused,
  CampaignRulesChanged,
  CampaignStatus,
  CodeDeactivated,
  CodeIssued,
  InfluencerReactivated,
  InfluencerRegistered,
  InfluencerStatus,
  InfluencerSuspended,
  InfluencerTerminated,
} from '@ledger/contracts';
import { assertNever } from '@ledger/kernel';
import { normaliseCode } from '@ledger/contracts';
import type { CampaignView, CatalogView, CodeView, InfluencerView } from '../../../domain';
import type { ProgramEventType } from './program-events';

/** `orphan`: the event names a campaign, code or influencer this org never created (ignored). */
export type FoldOutcome = 'applied' | 'orphan';

export interface CatalogCounts {
  campaigns: number;
  codes: number;
  influencers: number;
}

/**
 * Entities are replaced, never mutated: a view object handed out earlier (and maybe held across
 * an await by the attribution process manager) keeps describing one consistent moment. That
 * costs one small copy per program event, never one per lookup.
 */
export class OrgCatalog implements CatalogView {
  private readonly campaigns = new Map<string, CampaignView>();
  /** By normalised code (CodeIssued already carries it normalised). */
  private readonly codes = new Map<string, CodeView>();
  private readonly influencers = new Map<string, InfluencerView>();

  /** Customers type codes in any case and with spaces: an exact hit first, then the normalised spelling. */
  findCode(code: string): CodeView | undefined {
    const exact = this.codes.get(code);
    if (exact !== undefined) return exact;
    const normalised = normaliseCode(code);
    return normalised.ok ? this.codes.get(normalised.code) : undefined;
  }

  findCampaign(campaignId: string): CampaignView | undefined {
    return this.campaigns.get(campaignId);
  }

  findInfluencer(influencerId: string): InfluencerView | undefined {
    return this.influencers.get(influencerId);
  }

  counts(): CatalogCounts {
    return { campaigns: this.campaigns.size, codes: this.codes.size, influencers: this.influencers.size };
  }

  apply(type: ProgramEventType, data: unknown): FoldOutcome {
    switch (type) {
      case 'CampaignCreated': {
        const e = data as CampaignCreated;
        this.campaigns.set(e.campaignId, {
          campaignId: e.campaignId,
          statusHistory: [{ status: 'draft', at: e.createdAt }],
          rulesVersions: [{ rulesVersion: e.rulesVersion, effectiveFrom: e.createdAt, rules: e.rules }],
        });
        return 'applied';
      }
      case 'CampaignRulesChanged': {
        const e = data as CampaignRulesChanged;
        return this.updateCampaign(e.campaignId, (c) => ({
          ...c,
          rulesVersions: [...c.rulesVersions, { rulesVersion: e.rulesVersion, effectiveFrom: e.effectiveFrom, rules: e.rules }],
        }));
      }
      case 'CampaignActivated':
        return this.campaignStatus(data as CampaignActivated, 'active');
      case 'CampaignPaused':
        return this.campaignStatus(data as CampaignPaused, 'paused');
      case 'CampaignClosed':
        return this.campaignStatus(data as CampaignClosed, 'closed');
      case 'InfluencerRegistered': {
        const e = data as InfluencerRegistered;
        // A registration is active at once (influencer-profile.decider); applications will bring their own events.
        this.influencers.set(e.influencerId, {
          influencerId: e.influencerId,
          customerRefs: e.customerRefs,
          statusHistory: [{ status: 'active', at: e.registeredAt }],
          ...(e.parentId !== undefined ? { parentId: e.parentId } : {}),
        });
        return 'applied';
      }
      case 'InfluencerSuspended':
        return this.influencerStatus(data as InfluencerSuspended, 'suspended');
      case 'InfluencerReactivated':
        return this.influencerStatus(data as InfluencerReactivated, 'active');
      case 'InfluencerTerminated':
        return this.influencerStatus(data as InfluencerTerminated, 'terminated');
      case 'CodeIssued': {
        const e = data as CodeIssued;
        const key = normalisedKey(e.code);
        this.codes.set(key, {
          code: key,
          campaignId: e.campaignId,
          influencerId: e.influencerId,
          kind: e.kind,
          issuedAt: e.issuedAt,
          ...(e.discount !== undefined ? { discount: e.discount } : {}),
          ...(e.channels !== undefined ? { channels: e.channels } : {}),
          ...(e.validFrom !== undefined ? { validFrom: e.validFrom } : {}),
          ...(e.validUntil !== undefined ? { validUntil: e.validUntil } : {}),
        });
        return 'applied';
      }
      case 'CodeDeactivated': {
        const e = data as CodeDeactivated;
        const key = normalisedKey(e.code);
        const code = this.codes.get(key);
        if (code === undefined) return 'orphan';
        this.codes.set(key, { ...code, deactivatedAt: e.at });
        return 'applied';
      }
      default:
        return assertNever(type, 'not a program event');
    }
  }

  private campaignStatus(e: { campaignId: string; at: string }, status: CampaignStatus): FoldOutcome {
    return this.updateCampaign(e.campaignId, (c) => ({ ...c, statusHistory: [...c.statusHistory, { status, at: e.at }] }));
  }

  private updateCampaign(campaignId: string, change: (c: CampaignView) => CampaignView): FoldOutcome {
    const campaign = this.campaigns.get(campaignId);
    if (campaign === undefined) return 'orphan';
    this.campaigns.set(campaignId, change(campaign));
    return 'applied';
  }

  private influencerStatus(e: { influencerId: string; at: string }, status: InfluencerStatus): FoldOutcome {
    const influencer = this.influencers.get(e.influencerId);
    if (influencer === undefined) return 'orphan';
    this.influencers.set(e.influencerId, { ...influencer, statusHistory: [...influencer.statusHistory, { status, at: e.at }] });
    return 'applied';
  }
}

/** An empty org: the answer for an org with no programs (every code unknown). */
export const EMPTY_CATALOG: CatalogView = {
  findCode: () => undefined,
  findCampaign: () => undefined,
  findInfluencer: () => undefined,
};

// CodeIssued carries the normalised code (code.decider); normalising again costs little and keeps
// the index right for events written by any other writer.
function normalisedKey(code: string): string {
  const normalised = normaliseCode(code);
  return normalised.ok ? normalised.code : code;
}
