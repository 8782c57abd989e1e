// The fraud context's streams (bounded: one flag, one order's check, one org's rules; ADR 0015).
import { STREAM_CATEGORIES } from '@ledger/contracts';
import { streamName } from '@ledger/event-store';

export const fraudFlagStream = (org: string, flagId: string): string => streamName(STREAM_CATEGORIES.fraud, org, flagId);
export const fraudCheckStream = (org: string, orderId: string): string => streamName(STREAM_CATEGORIES.fraudCheck, org, orderId);
export const fraudRulesStream = (org: string): string => streamName(STREAM_CATEGORIES.fraudRules, org, 'rules');
