// The fact tables of the `kpi` projection as KPI sources (see kpi-facts-query.ts). Definitions of each
// figure: docs/kpis.md.
import { sql, type RawBuilder } from 'kysely';
import type { FactSource } from './kpi-facts-query';

const r = (text: string): RawBuilder<unknown> => sql.raw(text);

/** Not cancelled: a cancelled order counts nowhere (orders, units, revenue, codes, assists). */
const notCancelled = (alias: string) => r(`not exists (select 1 from kpi_order_cancel x where x.org = ${alias}.org and x.order_id = ${alias}.order_id)`);

/**
 * Orders with what was returned of them so far (per line, pro rata of the line's net base, rounded
 * down; never more than the line's quantity) and their attribution (if any).
 */
export function orderSource(figures: FactSource['figures'], attributedOnly = false): FactSource {
  return {
    from: r(`kpi_order o
      left join kpi_conversion c on c.org = o.org and c.order_id = o.order_id
      left join lateral (
        select coalesce(sum(ol.base_minor * least(rq.quantity, ol.quantity) / nullif(ol.quantity, 0)), 0) as value,
               coalesce(sum(least(rq.quantity, ol.quantity)), 0) as units
        from (select rl.line_id, sum(rl.quantity) as quantity from kpi_return_line rl
              where rl.org = o.org and rl.order_id = o.order_id group by rl.line_id) rq
        join kpi_order_line ol on ol.org = o.org and ol.order_id = o.order_id and ol.line_id = rq.line_id
      ) ret on true`),
    org: 'o.org',
    time: 'o.occurred_at',
    currency: 'o.currency',
    dims: { channel: 'o.channel', campaign: 'c.campaign_id', influencer: 'c.influencer_id' },
    influencer: 'c.influencer_id',
    where: attributedOnly ? sql`${notCancelled('o')} and c.order_id is not null` : notCancelled('o'),
    figures,
  };
}

export const NET_UNITS = r('coalesce(sum(o.units - ret.units), 0)');
export const NET_REVENUE = r('coalesce(sum(o.revenue_minor - ret.value), 0)');
export const ATTRIBUTED_REVENUE = r('coalesce(sum(o.revenue_minor - ret.value) filter (where c.order_id is not null), 0)');

/** Touches (clicks, visits, scans, checkout code applications); they carry no currency. */
export function touchSource(currency: string): FactSource {
  return {
    from: r('kpi_touch t'),
    org: 't.org',
    time: 't.occurred_at',
    dims: { channel: 't.channel', campaign: 't.campaign_id', influencer: 't.influencer_id' },
    influencer: 't.influencer_id',
    figures: {
      touches: r('count(*)'),
      convertedTouches: sql`count(*) filter (where exists (select 1 from kpi_conversion c where c.org = t.org and c.basis_touch_id = t.touch_id and c.currency = ${currency}))`,
    },
  };
}

/** Influencers that assisted (were in the window, did not win) an order's conversion. */
export const assistSource: FactSource = {
  from: r('kpi_assist a'),
  org: 'a.org',
  time: 'a.occurred_at',
  currency: 'a.currency',
  dims: { channel: 'a.channel', campaign: 'a.campaign_id', influencer: 'a.influencer_id' },
  influencer: 'a.influencer_id',
  where: notCancelled('a'),
  figures: { assistedConversions: r('count(distinct a.order_id)') },
};

/** Earnings by their accrual's business time, in the buckets they sit in now. */
export function earningSource(figures: FactSource['figures']): FactSource {
  return {
    from: r('kpi_earning e'),
    org: 'e.org',
    time: 'e.occurred_at',
    currency: 'e.currency',
    dims: { channel: 'e.channel', campaign: 'e.campaign_id', influencer: 'e.influencer_id' },
    influencer: 'e.influencer_id',
    figures,
  };
}

export const campaignCostSource: FactSource = {
  from: r('kpi_campaign_cost k'),
  org: 'k.org',
  time: 'k.occurred_at',
  currency: 'k.currency',
  dims: { campaign: 'k.campaign_id', channel: 'k.channel' },
  figures: { campaignCost: r('coalesce(sum(k.amount_minor), 0)') },
};

/** Code presentations: every distinct code on a (not cancelled) order, with the issued code it names, if any. */
export const codeSource: FactSource = {
  from: r(`kpi_order o cross join lateral unnest(o.codes) as u(code)
    left join kpi_code k on k.org = o.org and k.code = u.code
    left join kpi_conversion c on c.org = o.org and c.order_id = o.order_id`),
  org: 'o.org',
  time: 'o.occurred_at',
  currency: 'o.currency',
  dims: { channel: 'o.channel', campaign: 'k.campaign_id', influencer: 'k.influencer_id' },
  influencer: 'k.influencer_id',
  where: notCancelled('o'),
  figures: {
    applied: r('count(*)'),
    valid: r(`count(*) filter (where k.code is not null and k.valid_from <= o.occurred_at
      and (k.valid_until is null or o.occurred_at <= k.valid_until) and (k.deactivated_at is null or o.occurred_at < k.deactivated_at)
      and (k.channels is null or cardinality(k.channels) = 0 or o.channel = any(k.channels)))`),
    used: r('count(*) filter (where c.basis_code = u.code)'),
  },
};

/** Fraud flags by the business time they were raised; channel and campaign from the flagged order. */
export function fraudSource(figures: FactSource['figures'], where?: RawBuilder<unknown>): FactSource {
  return {
    from: r(`kpi_fraud_flag f
      left join kpi_order o on o.org = f.org and o.order_id = f.order_id
      left join kpi_conversion c on c.org = f.org and c.order_id = f.order_id`),
    org: 'f.org',
    time: 'f.occurred_at',
    dims: { rule: 'f.rule', influencer: 'f.influencer_id', channel: 'o.channel', campaign: 'c.campaign_id' },
    influencer: 'f.influencer_id',
    ...(where ? { where } : {}),
    figures,
  };
}

/** Attributed orders by conversion time: the commission base the rewards were computed on. */
export const conversionSource: FactSource = {
  from: r('kpi_conversion c'),
  org: 'c.org',
  time: 'c.occurred_at',
  currency: 'c.currency',
  dims: { channel: 'c.channel', campaign: 'c.campaign_id', influencer: 'c.influencer_id' },
  influencer: 'c.influencer_id',
  where: notCancelled('c'),
  figures: { referredRevenue: r('coalesce(sum(c.commission_base_minor), 0)') },
};
