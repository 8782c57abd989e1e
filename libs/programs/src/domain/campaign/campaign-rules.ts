// Campaign rules as a manager sends them (optional parts may be left out), their defaults, and the
// semantic validation the HTTP edge turns into a 400 with one problem per field.
import {
  ATTRIBUTION_MODELS,
  CHANNELS,
  INTAKE_FIELD_TYPES,
  type CampaignRules,
  type ChannelOverride,
  type EarningsRule,
} from '@ledger/contracts';
import { LIMITS, type FieldProblem } from '@ledger/kernel';
import {
  checkBps,
  checkDiscount,
  checkIntegerIn,
  checkIsoInstant,
  checkOneOf,
  checkOrdered,
  checkPositiveMoney,
  isNonBlank,
} from '../shared/field-checks';

/** The rules of `campaign/create | update`: what the contract marks optional may be missing. */
export interface CampaignRulesInput {
  attribution: { model: CampaignRules['attribution']['model']; windowDays: number; precedence?: number };
  channels: CampaignRules['channels'];
  channelOverrides?: CampaignRules['channelOverrides'];
  exclusions?: { skus?: string[]; categories?: string[] };
  earnings: EarningsRule;
  bonuses?: CampaignRules['bonuses'];
  caps?: CampaignRules['caps'];
  referralLevels?: CampaignRules['referralLevels'];
  holdDays: number;
  lockDays: number;
  minPayout: CampaignRules['minPayout'];
  startsAt?: string;
  endsAt?: string;
  landingUrl?: string;
  intakeFields?: CampaignRules['intakeFields'];
}

export const RULE_DAYS_MAX = 3650;
export const PRECEDENCE_LIMIT = 1_000_000;

/** The full rules an event records: every optional part made explicit, so readers never guess a default. */
export function withRuleDefaults(input: CampaignRulesInput): CampaignRules {
  const rules: CampaignRules = {
    attribution: { model: input.attribution.model, windowDays: input.attribution.windowDays, precedence: input.attribution.precedence ?? 0 },
    channels: [...input.channels],
    channelOverrides: { ...(input.channelOverrides ?? {}) },
    exclusions: { skus: [...(input.exclusions?.skus ?? [])], categories: [...(input.exclusions?.categories ?? [])] },
    earnings: input.earnings,
    bonuses: [...(input.bonuses ?? [])],
    caps: { ...(input.caps ?? {}) },
    referralLevels: [...(input.referralLevels ?? [])],
    holdDays: input.holdDays,
    lockDays: input.lockDays,
    minPayout: input.minPayout,
  };
  // Absent optional times/urls stay absent (not `undefined`), as they would after a JSON round trip.
  if (input.startsAt !== undefined) rules.startsAt = input.startsAt;
  if (input.endsAt !== undefined) rules.endsAt = input.endsAt;
  if (input.landingUrl !== undefined) rules.landingUrl = input.landingUrl;
  if (input.intakeFields !== undefined) rules.intakeFields = input.intakeFields.map(({ name, type, required }) => ({ name, type, required }));
  return rules;
}

/**
 * Every semantic problem of a rules document, with field paths relative to the rules object
 * (`attribution.windowDays`, `earnings.tiers[1].from`); `prefix` puts them under a parent field.
 * Tolerates a wrong shape (it reports it) so the edge may call it on a half-validated body.
 */
export function validateCampaignRules(rules: CampaignRulesInput, prefix = ''): FieldProblem[] {
  const at = (field: string): string => (prefix ? `${prefix}.${field}` : field);
  const problems: FieldProblem[] = [];
  const input = (rules ?? {}) as Partial<CampaignRulesInput>;

  const attribution = (input.attribution ?? {}) as Partial<CampaignRulesInput['attribution']>;
  problems.push(...checkOneOf(at('attribution.model'), attribution.model, ATTRIBUTION_MODELS));
  problems.push(...checkIntegerIn(at('attribution.windowDays'), attribution.windowDays, 1, LIMITS.attribution.windowDaysMax));
  if (attribution.precedence !== undefined) {
    problems.push(...checkIntegerIn(at('attribution.precedence'), attribution.precedence, -PRECEDENCE_LIMIT, PRECEDENCE_LIMIT));
  }

  const channels: unknown[] = Array.isArray(input.channels) ? input.channels : [];
  if (channels.length === 0) problems.push({ field: at('channels'), problem: 'must list at least one channel' });
  channels.forEach((channel, i) => problems.push(...checkOneOf(at(`channels[${i}]`), channel, CHANNELS)));
  if (new Set(channels).size !== channels.length) problems.push({ field: at('channels'), problem: 'must not list a channel twice' });

  for (const [channel, override] of Object.entries(input.channelOverrides ?? {})) {
    const field = at(`channelOverrides.${channel}`);
    if (!channels.includes(channel)) {
      problems.push({ field, problem: 'overrides only channels the campaign lists' });
      continue;
    }
    problems.push(...checkChannelOverride(field, override));
  }

  const exclusions = input.exclusions ?? {};
  for (const key of ['skus', 'categories'] as const) {
    const list = exclusions[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) problems.push({ field: at(`exclusions.${key}`), problem: 'must be a list of texts' });
    else {
      list.forEach((item, i) => {
        if (!isNonBlank(item)) problems.push({ field: at(`exclusions.${key}[${i}]`), problem: 'must be a non-blank text' });
      });
    }
  }

  problems.push(...checkEarningsRule(at('earnings'), input.earnings));

  (input.bonuses ?? []).forEach((bonus, i) => {
    const field = at(`bonuses[${i}]`);
    problems.push(...checkOneOf(`${field}.type`, bonus?.type, ['threshold'] as const));
    problems.push(...checkOneOf(`${field}.basis`, bonus?.basis, ['orders', 'revenue'] as const));
    problems.push(...checkIntegerIn(`${field}.threshold`, bonus?.threshold, 1, LIMITS.domain.moneyMinorMax));
    problems.push(...checkPositiveMoney(`${field}.amount`, bonus?.amount));
  });

  const caps = input.caps ?? {};
  if (caps.perOrder !== undefined) problems.push(...checkPositiveMoney(at('caps.perOrder'), caps.perOrder));
  if (caps.perMonth !== undefined) problems.push(...checkPositiveMoney(at('caps.perMonth'), caps.perMonth));

  problems.push(...checkReferralLevels(at('referralLevels'), input.referralLevels ?? []));

  problems.push(...checkIntegerIn(at('holdDays'), input.holdDays, 0, RULE_DAYS_MAX));
  problems.push(...checkIntegerIn(at('lockDays'), input.lockDays, 0, RULE_DAYS_MAX));
  problems.push(...checkPositiveMoney(at('minPayout'), input.minPayout));

  if (input.startsAt !== undefined) problems.push(...checkIsoInstant(at('startsAt'), input.startsAt));
  if (input.endsAt !== undefined) problems.push(...checkIsoInstant(at('endsAt'), input.endsAt));
  problems.push(...checkOrdered(at('startsAt'), input.startsAt, at('endsAt'), input.endsAt));
  if (input.landingUrl !== undefined && !isHttpUrl(input.landingUrl)) {
    problems.push({ field: at('landingUrl'), problem: 'must be an http(s) URL' });
  }
  if (input.intakeFields !== undefined) problems.push(...checkIntakeFields(at('intakeFields'), input.intakeFields));
  return problems;
}

// Field names become JSON keys of every submission: a plain identifier, so no name can shadow an
// object member or need escaping in a field path.
const INTAKE_FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

function checkIntakeFields(field: string, fields: unknown): FieldProblem[] {
  if (!Array.isArray(fields) || fields.length > LIMITS.applications.intakeFieldsPerCampaign) {
    return [{ field, problem: `must be a list of at most ${LIMITS.applications.intakeFieldsPerCampaign} fields` }];
  }
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  fields.forEach((entry: { name?: unknown; type?: unknown; required?: unknown } | null, i) => {
    const name = entry?.name;
    if (typeof name !== 'string' || name.length > LIMITS.applications.intakeFieldNameChars || !INTAKE_FIELD_NAME.test(name)) {
      problems.push({ field: `${field}[${i}].name`, problem: `must be a letter then letters, digits or _ (at most ${LIMITS.applications.intakeFieldNameChars})` });
    } else if (seen.has(name)) {
      problems.push({ field: `${field}[${i}].name`, problem: 'must not repeat a field name' });
    } else seen.add(name);
    problems.push(...checkOneOf(`${field}[${i}].type`, entry?.type, INTAKE_FIELD_TYPES));
    if (typeof entry?.required !== 'boolean') problems.push({ field: `${field}[${i}].required`, problem: 'must be true or false' });
  });
  return problems;
}

function checkChannelOverride(field: string, override: ChannelOverride | undefined): FieldProblem[] {
  if (typeof override !== 'object' || override === null) return [{ field, problem: 'must be { windowDays?, discount?, earnings? }' }];
  const problems: FieldProblem[] = [];
  if (override.windowDays !== undefined) {
    problems.push(...checkIntegerIn(`${field}.windowDays`, override.windowDays, 1, LIMITS.attribution.windowDaysMax));
  }
  if (override.discount !== undefined) problems.push(...checkDiscount(`${field}.discount`, override.discount));
  if (override.earnings !== undefined) problems.push(...checkEarningsRule(`${field}.earnings`, override.earnings));
  return problems;
}

export function checkEarningsRule(field: string, rule: EarningsRule | undefined): FieldProblem[] {
  if (typeof rule !== 'object' || rule === null) return [{ field, problem: 'must be a percent, fixed or tiered earnings rule' }];
  switch (rule.type) {
    case 'percent':
      return checkBps(`${field}.rateBps`, rule.rateBps);
    case 'fixed':
      return checkPositiveMoney(`${field}.amount`, rule.amount);
    case 'tiered':
      return [...checkOneOf(`${field}.basis`, rule.basis, ['orders', 'revenue'] as const), ...checkTiers(`${field}.tiers`, rule.tiers)];
    default:
      return [{ field: `${field}.type`, problem: 'must be one of percent, fixed, tiered' }];
  }
}

// The first tier starts at 0 so every month-to-date basis has a rate; `from` strictly ascends so
// "the highest tier whose from ≤ basis" is unambiguous.
function checkTiers(field: string, tiers: unknown): FieldProblem[] {
  if (!Array.isArray(tiers) || tiers.length === 0 || tiers.length > LIMITS.domain.campaignTiers) {
    return [{ field, problem: `must list 1 to ${LIMITS.domain.campaignTiers} tiers` }];
  }
  const problems: FieldProblem[] = [];
  tiers.forEach((tier: { from?: unknown; rateBps?: unknown } | null, i) => {
    const from = tier?.from;
    problems.push(...checkIntegerIn(`${field}[${i}].from`, from, 0, LIMITS.domain.moneyMinorMax));
    problems.push(...checkBps(`${field}[${i}].rateBps`, tier?.rateBps));
    if (i === 0 && from !== 0) problems.push({ field: `${field}[0].from`, problem: 'the first tier must start at 0' });
    const previous = i > 0 ? tiers[i - 1]?.from : undefined;
    if (i > 0 && typeof from === 'number' && typeof previous === 'number' && from <= previous) {
      problems.push({ field: `${field}[${i}].from`, problem: 'must be greater than the previous tier' });
    }
  });
  return problems;
}

function checkReferralLevels(field: string, levels: unknown): FieldProblem[] {
  if (!Array.isArray(levels)) return [{ field, problem: 'must be a list of { level, rateBps }' }];
  const problems: FieldProblem[] = [];
  const seen = new Set<unknown>();
  levels.forEach((entry: { level?: unknown; rateBps?: unknown } | null, i) => {
    problems.push(...checkIntegerIn(`${field}[${i}].level`, entry?.level, 2, LIMITS.domain.referralLevels));
    problems.push(...checkBps(`${field}[${i}].rateBps`, entry?.rateBps));
    if (seen.has(entry?.level)) problems.push({ field: `${field}[${i}].level`, problem: 'must not repeat a level' });
    seen.add(entry?.level);
  });
  return problems;
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string' || value.length > 2_000) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
