// The programs' stream names (ARCHITECTURE rule 1). The org is part of every name, so reading another
// org's id simply finds nothing: cross-org isolation on the write side needs no extra check.
import { streamName } from '@ledger/event-store';
import { STREAM_CATEGORIES } from '@ledger/contracts';

export const campaignStream = (org: string, campaignId: string): string => streamName(STREAM_CATEGORIES.campaign, org, campaignId);

export const influencerStream = (org: string, influencerId: string): string => streamName(STREAM_CATEGORIES.influencer, org, influencerId);

/** `code` must be normalised (normaliseCode): one stream per spelling-independent code. */
export const codeStream = (org: string, normalisedCode: string): string => streamName(STREAM_CATEGORIES.code, org, normalisedCode);

export const applicationStream = (org: string, applicationId: string): string => streamName(STREAM_CATEGORIES.application, org, applicationId);
