/**
 * A thin, contract-shaped client over /work/shared/API.md for the acceptance and property tests: one
 * instance per org (the org comes from the token), one method per operation, each asserting a 2xx answer
 * (the failure message carries the problem+json body). Commands return their JSON answer (with `position`);
 * queries take an optional `position` sent as X-Consistency-Position (read-your-writes).
 *
 * It also knows the wire shapes the contract leaves open (money as `{amount, currency}`, balance per
 * currency, scm/ingest results) in exactly one place: `moneyMinor`, `balanceIn`, `ingestResults`.
 */
import { setTimeout as delay } from 'node:timers/promises';
import request from 'supertest';
import type { Channel, CodeKind, Discount, InfRole, OrderLine } from '@ledger/contracts';
import { TouchEmitter } from '@ledger/attribution';
import type { TestApp } from './app';

export type Money = { amount: number; currency: string };

/** An SCM fact as scm/ingest takes it (one NDJSON line); the HTTP commands take the same fields without `type`. */
export type ScmFact =
  | {
      type: 'OrderPlaced';
      sourceRef: string;
      orderId: string;
      channel: Channel;
      customerRef: string;
      occurredAt: string;
      currency: string;
      lines: OrderLine[];
      codes?: string[];
    }
  | { type: 'OrderReturned'; sourceRef: string; orderId: string; returnId: string; occurredAt: string; lines: Array<{ lineId: string; quantity: number }>; reason?: string }
  | { type: 'OrderCancelled'; sourceRef: string; orderId: string; occurredAt: string; reason?: string };

export type Delivery = 'http' | 'ingest';

export interface EarningItem {
  earningId: string;
  influencerId: string;
  campaignId: string;
  orderId: string;
  channel: Channel;
  level: number;
  state: 'pending' | 'held' | 'payable' | 'paid' | 'clawed_back';
  amount: Money;
  clawedBack: Money | number;
  holdUntil: string | null;
  references?: unknown;
  [more: string]: unknown;
}

export interface Buckets {
  pending: number;
  held: number;
  payable: number;
  paid: number;
  clawedBack: number;
}

export interface CampaignInput {
  name: string;
  attribution: { model: string; windowDays: number; precedence?: number };
  channels: Channel[];
  channelOverrides?: Record<string, { windowDays?: number; discount?: Discount; earnings?: unknown }>;
  exclusions?: { skus?: string[]; categories?: string[] };
  earnings: unknown;
  caps?: { perOrder?: Money; perMonth?: Money };
  referralLevels?: Array<{ level: number; rateBps: number }>;
  holdDays: number;
  lockDays: number;
  minPayout: Money;
  startsAt?: string;
  endsAt?: string;
}

/** SPEC scenario 1's campaign: last touch within 30 days, 10 % of the order, held 14 days, minimum payout 10.00 EUR. */
export const LAST_TOUCH_TEN_PERCENT: CampaignInput = {
  name: 'Spring last touch',
  attribution: { model: 'last_touch', windowDays: 30 },
  channels: ['ecommerce'],
  earnings: { type: 'percent', rateBps: 1_000 },
  holdDays: 14,
  lockDays: 60,
  minPayout: { amount: 1_000, currency: 'EUR' },
};

const CONSISTENCY_RETRIES = 3;

export const MANAGER: InfRole[] = ['inf_campaign_manager'];
export const SCM: InfRole[] = ['inf_admin'];
export const FINANCE: InfRole[] = ['inf_finance'];
export const VIEWER: InfRole[] = ['inf_viewer'];
export const CHECKOUT: InfRole[] = ['inf_viewer'];

/** A money field of an answer in minor units: `{amount, currency}` per the contract (a bare number is tolerated). */
export function moneyMinor(value: unknown): number {
  if (typeof value === 'number') return value;
  if (value && typeof value === 'object' && typeof (value as Money).amount === 'number') return (value as Money).amount;
  if (value === null || value === undefined) return 0;
  throw new Error(`not a money value: ${JSON.stringify(value)}`);
}

/** The buckets of one currency in a balance/get answer, whichever of the reasonable shapes it uses. */
export function balanceIn(body: unknown, currency: string): Buckets {
  const b = body as Record<string, any>;
  const candidates: unknown[] = [];
  for (const list of [b?.balances, b?.currencies, b?.items, Array.isArray(b) ? b : undefined]) {
    if (Array.isArray(list)) candidates.push(list.find((x: any) => x?.currency === currency));
    else if (list && typeof list === 'object') candidates.push((list as Record<string, unknown>)[currency]);
  }
  candidates.push(b?.[currency]);
  if (b?.currency === currency) candidates.push(b);
  const found = candidates.find((c) => c && typeof c === 'object') as Record<string, unknown> | undefined;
  if (!found) return { pending: 0, held: 0, payable: 0, paid: 0, clawedBack: 0 };
  return {
    pending: moneyMinor(found.pending),
    held: moneyMinor(found.held),
    payable: moneyMinor(found.payable),
    paid: moneyMinor(found.paid),
    clawedBack: moneyMinor(found.clawedBack),
  };
}

/** The per-line results of a scm/ingest answer (an array, or `{results|lines|items}`). */
export function ingestResults(body: unknown): Array<Record<string, unknown>> {
  const b = body as Record<string, unknown>;
  const list = Array.isArray(body) ? body : (b?.results ?? b?.lines ?? b?.items);
  if (!Array.isArray(list)) throw new Error(`scm/ingest answer has no per-line results: ${JSON.stringify(body)}`);
  return list as Array<Record<string, unknown>>;
}

function lineFailed(result: Record<string, unknown>): boolean {
  if (result.ok === false || result.accepted === false) return true;
  if (typeof result.status === 'number' && result.status >= 400) return true;
  if (typeof result.status === 'string' && /^(error|failed|rejected|invalid)$/i.test(result.status)) return true;
  return result.error !== undefined || result.problem !== undefined || (Array.isArray(result.errors) && result.errors.length > 0);
}

export function factBody(fact: ScmFact): Record<string, unknown> {
  const { type: _type, ...body } = fact;
  return body;
}

export class LedgerApi {
  private readonly tokens = new Map<string, string>();

  constructor(
    private readonly t: TestApp,
    readonly org: string,
    readonly actorId = 'test-actor',
  ) {}

  private async authHeader(roles: readonly InfRole[], sub = this.actorId): Promise<string> {
    const key = `${sub}|${roles.join(',')}`;
    let token = this.tokens.get(key);
    if (!token) {
      token = await this.t.tokenFor({ org: this.org, sub, roles: [...roles] });
      this.tokens.set(key, token);
    }
    return `Bearer ${token}`;
  }

  /** Any POST; no status check. */
  async raw(
    path: string,
    body: unknown,
    opts: { roles?: readonly InfRole[]; actorRole?: InfRole; position?: string | null; sub?: string; ndjson?: boolean } = {},
  ): Promise<request.Response> {
    let req = request(this.t.server)
      .post(`/influencer/${path}`)
      .set('Authorization', await this.authHeader(opts.roles ?? ['inf_owner'], opts.sub));
    if (opts.actorRole) req = req.set('X-Actor-Role', opts.actorRole);
    if (opts.position) req = req.set('X-Consistency-Position', opts.position);
    if (opts.ndjson) return req.set('Content-Type', 'application/x-ndjson').send(body as string);
    return req.send(body as object);
  }

  /** A command: 200/201 or the test fails showing the problem. */
  async command<T = Record<string, any>>(path: string, body: unknown, opts: Parameters<LedgerApi['raw']>[2] = {}): Promise<T & { position: string | null }> {
    const res = await this.raw(path, body, opts);
    if (res.status !== 200 && res.status !== 201) {
      throw new Error(`${path} (org ${this.org}) answered ${res.status}: ${JSON.stringify(res.body)}\nrequest: ${typeof body === 'string' ? body : JSON.stringify(body)}`);
    }
    return res.body as T & { position: string | null };
  }

  /**
   * A query: 200 or the test fails showing the problem. A 503 CONSISTENCY_TIMEOUT (read models not yet at
   * `position` after the server's bounded wait) is retried after its Retry-After, as the contract tells
   * clients to, at most CONSISTENCY_RETRIES times; every retry is counted in `LedgerApi.consistencyRetries`.
   */
  async query<T = Record<string, any>>(path: string, body: unknown, position?: string | null, roles: readonly InfRole[] = VIEWER): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const res = await this.raw(path, body, { roles, position: position ?? null });
      if (res.status === 503 && res.body?.code === 'CONSISTENCY_TIMEOUT' && attempt < CONSISTENCY_RETRIES) {
        LedgerApi.consistencyRetries++;
        await delay(1_000 * Math.min(5, Number(res.headers['retry-after'] ?? 1) || 1));
        continue;
      }
      if (res.status !== 200) throw new Error(`${path} (org ${this.org}) answered ${res.status}: ${JSON.stringify(res.body)}`);
      return res.body as T;
    }
  }

  /** 503 CONSISTENCY_TIMEOUT answers retried so far (all instances): reported by the property tests. */
  static consistencyRetries = 0;

  // ── programs ──────────────────────────────────────────────────────────────
  async createActiveCampaign(input: CampaignInput): Promise<{ id: string; position: string | null }> {
    const created = await this.command<{ id: string; status: string }>('campaign/create', input, { roles: MANAGER });
    const activated = await this.command('campaign/activate', { campaignId: created.id }, { roles: MANAGER });
    return { id: created.id, position: activated.position };
  }

  createProfile(input: { name: string; email: string; customerRefs?: string[]; parentId?: string }) {
    return this.command<{ id: string; status: string }>('profile/create', input, { roles: MANAGER });
  }

  createCode(input: { campaignId: string; influencerId: string; code: string; kind: CodeKind; discount?: Discount; channels?: Channel[] }) {
    return this.command<{ id: string; code: string }>('code/create', input, { roles: MANAGER });
  }

  // ── checkout ──────────────────────────────────────────────────────────────
  /** `position` (e.g. of code/create) goes out as X-Consistency-Position: harmless if checkout ignores it. */
  /**
   * code/apply answers before its touch is durable (ADR 0016). The scenarios record their orders days later in
   * business time, by which point a real emitter has long flushed: so does this one, before the answer is returned.
   */
  async applyCode(input: { code: string; channel: Channel; customerRef: string; subtotal: Money | number; occurredAt?: string; cartRef?: string }, position?: string | null) {
    const answer = await this.command<{ valid: boolean; reason?: string; discount?: Discount; influencerId?: string; campaignId?: string }>('code/apply', input, { roles: CHECKOUT, position: position ?? null });
    const left = await this.t.app.get(TouchEmitter).flush();
    if (left > 0) throw new Error(`${left} touches could not be flushed`);
    return answer;
  }

  // ── SCM ───────────────────────────────────────────────────────────────────
  /** One fact over its HTTP command (order/record | return | cancel). */
  async record(fact: ScmFact): Promise<string | null> {
    const path = fact.type === 'OrderPlaced' ? 'order/record' : fact.type === 'OrderReturned' ? 'order/return' : 'order/cancel';
    return (await this.command(path, factBody(fact), { roles: SCM })).position;
  }

  /** Facts as one NDJSON batch; every line must be accepted. Returns the batch's last position if it reports one. */
  async ingest(facts: ScmFact[]): Promise<string | null> {
    const res = await this.raw('scm/ingest', facts.map((f) => JSON.stringify(f)).join('\n') + '\n', { roles: SCM, ndjson: true });
    if (res.status !== 200 && res.status !== 201) throw new Error(`scm/ingest (org ${this.org}) answered ${res.status}: ${JSON.stringify(res.body)}`);
    const results = ingestResults(res.body);
    if (results.length !== facts.length) throw new Error(`scm/ingest answered ${results.length} results for ${facts.length} lines: ${JSON.stringify(res.body)}`);
    const failed = results.map((r, i) => ({ r, fact: facts[i] })).filter(({ r }) => lineFailed(r));
    if (failed.length > 0) throw new Error(`scm/ingest refused lines: ${JSON.stringify(failed)}`);
    const positions = [res.body?.position, ...results.map((r) => r.position)].filter((p): p is string => typeof p === 'string');
    return positions.sort(comparePositionText).at(-1) ?? null;
  }

  deliver(fact: ScmFact, via: Delivery): Promise<string | null> {
    return via === 'http' ? this.record(fact) : this.ingest([fact]);
  }

  // ── ledger ────────────────────────────────────────────────────────────────
  async earnings(filter: { influencerId?: string; campaignId?: string; orderId?: string; state?: string } = {}, position?: string | null): Promise<EarningItem[]> {
    const items: EarningItem[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 100; page++) {
      const body = await this.query<{ items: EarningItem[]; nextCursor?: string | null }>('earning/list', { ...filter, limit: 500, ...(cursor ? { cursor } : {}) }, position);
      items.push(...body.items);
      if (!body.nextCursor) return items;
      cursor = body.nextCursor;
    }
    throw new Error('earning/list: more than 100 pages');
  }

  earning(earningId: string, position?: string | null) {
    return this.query<Record<string, any>>('earning/get', { earningId }, position);
  }

  async balance(influencerId: string, currency: string, position?: string | null): Promise<Buckets> {
    return balanceIn(await this.query('balance/get', { influencerId }, position), currency);
  }

  releaseDue(asOf: string, actorRole: InfRole = 'inf_finance') {
    return this.command('earning/release-due', { asOf }, { roles: [actorRole], actorRole });
  }

  release(input: { earningIds?: string[]; influencerId?: string; reasonCode: string; note?: string }, actorRole: InfRole = 'inf_finance', sub?: string) {
    return this.command('earning/release', input, { roles: [actorRole], actorRole, ...(sub ? { sub } : {}) });
  }

  hold(input: { earningIds?: string[]; influencerId?: string; reasonCode: string; note?: string }, actorRole: InfRole = 'inf_finance') {
    return this.command('earning/hold', input, { roles: [actorRole], actorRole });
  }
}

export function comparePositionText(a: string, b: string): number {
  const [ac, ap] = a.split('-').map(BigInt) as [bigint, bigint];
  const [bc, bp] = b.split('-').map(BigInt) as [bigint, bigint];
  return ac !== bc ? (ac < bc ? -1 : 1) : ap !== bp ? (ap < bp ? -1 : 1) : 0;
}

/** Per earning, where its amount sits (state machine doc): what is not clawed back sits in its state's bucket. */
export function bucketsOfItem(item: EarningItem): Buckets {
  const amount = moneyMinor(item.amount);
  const clawedBack = moneyMinor(item.clawedBack);
  const paid = moneyMinor(item.paid);
  const remaining = amount - clawedBack;
  const b: Buckets = { pending: 0, held: 0, payable: 0, paid: 0, clawedBack };
  switch (item.state) {
    case 'pending':
      b.pending = remaining;
      break;
    case 'held':
      b.held = remaining;
      break;
    case 'payable':
      b.payable = remaining;
      break;
    case 'paid':
      b.paid = paid;
      b.payable = remaining - paid;
      break;
    case 'clawed_back':
      break;
  }
  return b;
}

export const sumBuckets = (b: Buckets): number => b.pending + b.held + b.payable + b.paid + b.clawedBack;
