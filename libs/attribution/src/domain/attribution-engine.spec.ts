// Proves the attribution rules of docs/architecture.md with table tests over a fixed in-memory catalog and fixed times.
import { attribute } from './attribution-engine';
import { catalogOf } from './catalog.view';
import { campaign, code, day, given, influencer, order, rulesWith, summary, touch } from './testing/attribution.fixtures';

describe('attribution engine', () => {
  describe('scenario 3: a code valid for ecommerce only, 14-day window', () => {
    const summer = code('SUMMER14', 'cmp-summer', 'inf-anna', 'coupon', { channels: ['ecommerce'] });
    const world = given({
      campaigns: [
        campaign('cmp-summer', rulesWith({ model: 'last_touch', windowDays: 14, channels: ['ecommerce', 'pos'] })),
      ],
      codes: [summer],
      influencers: [influencer('inf-anna')],
      touches: [touch('t-applied', summer, 'code', day(0))],
    });

    it.each([
      ['an ecommerce sale on day 10 is attributed', order({ channel: 'ecommerce', occurredAt: day(10) }), 'cmp-summer/t-applied'],
      ['a POS sale on day 10 is not', order({ channel: 'pos', occurredAt: day(10) }), 'none:no_qualifying_touch code_channel_not_eligible'],
      ['a sale on day 15 is not', order({ channel: 'ecommerce', occurredAt: day(15) }), 'none:no_qualifying_touch outside_window'],
    ])('%s', (_name, placed, expected) => {
      expect(summary(world.whenOrderPlaced(placed))).toBe(expected);
    });
  });

  describe('window edges', () => {
    const spring = code('SPRING', 'cmp-spring', 'inf-anna', 'link');
    const world = given({
      campaigns: [campaign('cmp-spring', rulesWith({ model: 'last_touch', windowDays: 14 }))],
      codes: [spring],
      influencers: [influencer('inf-anna')],
      touches: [touch('t-click', spring, 'click', day(0))],
    });

    it.each([
      ['a touch exactly at the window start is inside', day(14), 'cmp-spring/t-click'],
      ['a touch 1 ms before the window start is outside', day(14, 1), 'none:no_qualifying_touch outside_window'],
      ['a touch at the order instant is inside', day(0), 'cmp-spring/t-click'],
      ['a touch 1 ms after the order is ignored', day(0, -1), 'none:no_qualifying_touch touch_after_order'],
    ])('%s', (_name, orderAt, expected) => {
      expect(summary(world.whenOrderPlaced(order({ occurredAt: orderAt })))).toBe(expected);
    });

    it('compares instants, not strings, across offsets', () => {
      // 2025-03-15T01:00:00+02:00 is 2025-03-14T23:00Z: one hour before the window would close at day 14.
      expect(summary(world.whenOrderPlaced(order({ occurredAt: '2025-03-15T01:00:00+02:00' })))).toBe('cmp-spring/t-click');
    });

    it('takes the window from the channel override of the order channel', () => {
      const overridden = given({
        campaigns: [campaign('cmp-spring', rulesWith({ windowDays: 14, channelOverrides: { pos: { windowDays: 30 } } }))],
        codes: [spring],
        influencers: [influencer('inf-anna')],
        touches: [touch('t-click', spring, 'click', day(0))],
      });
      const pos = overridden.whenOrderPlaced(order({ channel: 'pos', occurredAt: day(20) }));
      const ecommerce = overridden.whenOrderPlaced(order({ channel: 'ecommerce', occurredAt: day(20) }));
      expect(pos).toMatchObject({ attributed: true, winner: { basis: { windowDays: 30, channel: 'pos' } } });
      expect(summary(ecommerce)).toBe('none:no_qualifying_touch outside_window');
    });
  });

  describe('models: which touches each model credits', () => {
    const coupon = code('COUPON', 'cmp', 'inf-anna', 'coupon');
    const link = code('LINK', 'cmp', 'inf-anna', 'link');
    const qr = code('QR', 'cmp', 'inf-anna', 'qr');
    const store = code('STORE', 'cmp', 'inf-anna', 'in_store');
    const codes = [coupon, link, qr, store];

    it.each([
      ['coupon credits a coupon applied at checkout', 'coupon', touch('t', coupon, 'code', day(1)), 'cmp/t'],
      ['coupon ignores a click on a coupon code', 'coupon', touch('t', coupon, 'click', day(1)), 'none:no_qualifying_touch model_mismatch'],
      ['coupon ignores a link code applied at checkout', 'coupon', touch('t', link, 'code', day(1)), 'none:no_qualifying_touch model_mismatch'],
      ['link credits a click on a link code', 'link', touch('t', link, 'click', day(1)), 'cmp/t'],
      ['link credits a link visit', 'link', touch('t', link, 'link', day(1)), 'cmp/t'],
      ['link ignores a QR scan', 'link', touch('t', qr, 'qr_scan', day(1)), 'none:no_qualifying_touch model_mismatch'],
      ['qr credits a QR scan of a QR code', 'qr', touch('t', qr, 'qr_scan', day(1)), 'cmp/t'],
      ['qr ignores a click on a QR code', 'qr', touch('t', qr, 'click', day(1)), 'none:no_qualifying_touch model_mismatch'],
      ['in_store credits an in-store code scanned in the store', 'in_store', touch('t', store, 'in_store', day(1)), 'cmp/t'],
      ['in_store ignores a coupon', 'in_store', touch('t', coupon, 'code', day(1)), 'none:no_qualifying_touch model_mismatch'],
      ['first_touch credits any touch', 'first_touch', touch('t', qr, 'qr_scan', day(1)), 'cmp/t'],
      ['last_touch credits any touch', 'last_touch', touch('t', link, 'click', day(1)), 'cmp/t'],
    ] as const)('%s', (_name, model, given1, expected) => {
      const world = given({
        campaigns: [campaign('cmp', rulesWith({ model }))],
        codes,
        influencers: [influencer('inf-anna')],
        touches: [given1],
      });
      expect(summary(world.whenOrderPlaced(order({ occurredAt: day(5) })))).toBe(expected);
    });

    it('in_store credits an in-store code carried on the order', () => {
      const world = given({ campaigns: [campaign('cmp', rulesWith({ model: 'in_store' }))], codes, influencers: [influencer('inf-anna')] });
      expect(summary(world.whenOrderPlaced(order({ channel: 'pos', codes: ['STORE'] })))).toBe('cmp/order:STORE');
    });

    describe('within one campaign', () => {
      const anna = code('ANNA', 'cmp', 'inf-anna', 'link');
      const ben = code('BEN', 'cmp', 'inf-ben', 'link');
      const touches = [touch('t-anna', anna, 'click', day(1)), touch('t-ben', ben, 'click', day(5))];
      const world = (model: 'first_touch' | 'last_touch' | 'link') =>
        given({
          campaigns: [campaign('cmp', rulesWith({ model }))],
          codes: [anna, ben],
          influencers: [influencer('inf-anna'), influencer('inf-ben')],
          touches,
        });

      it.each([
        ['first_touch credits the earliest touch', 'first_touch', 'inf-anna', 't-ben'],
        ['last_touch credits the latest touch', 'last_touch', 'inf-ben', 't-anna'],
        ['link (a kind model) credits the latest touch of its kind', 'link', 'inf-ben', 't-anna'],
      ] as const)('%s; the other is assisted', (_name, model, winner, assistedTouch) => {
        const outcome = world(model).whenOrderPlaced(order());
        expect(outcome).toMatchObject({ attributed: true, winner: { influencerId: winner } });
        expect(outcome.assisted.map((a) => a.touchId)).toEqual([assistedTouch]);
      });
    });
  });

  describe('channel scope of the campaign and of the code', () => {
    const anyChannel = code('ANY', 'cmp-web', 'inf-anna', 'coupon');
    const posOnly = code('POSONLY', 'cmp-all', 'inf-anna', 'coupon', { channels: ['pos'] });
    const world = given({
      campaigns: [
        campaign('cmp-web', rulesWith({ channels: ['ecommerce'] })),
        campaign('cmp-all', rulesWith({ channels: ['ecommerce', 'pos', 'wholesale'] })),
      ],
      codes: [anyChannel, posOnly],
      influencers: [influencer('inf-anna')],
    });

    it.each([
      ['a campaign code on an order of a channel the campaign has', 'ecommerce', 'ANY', 'cmp-web/order:ANY'],
      ['a campaign code on an order of a channel the campaign lacks', 'pos', 'ANY', 'none:no_qualifying_touch channel_not_eligible'],
      ['a pos-only code on a pos order', 'pos', 'POSONLY', 'cmp-all/order:POSONLY'],
      ['a pos-only code on a wholesale order', 'wholesale', 'POSONLY', 'none:no_qualifying_touch code_channel_not_eligible'],
    ] as const)('%s', (_name, channel, onOrder, expected) => {
      expect(summary(world.whenOrderPlaced(order({ channel, codes: [onOrder] })))).toBe(expected);
    });
  });

  describe('code validity in business time (at the touch)', () => {
    it.each([
      ['before validFrom', { validFrom: day(3) }, 'none:no_qualifying_touch code_not_yet_valid'],
      ['at validFrom', { validFrom: day(2) }, 'cmp/t'],
      ['at validUntil', { validUntil: day(2) }, 'cmp/t'],
      ['after validUntil', { validUntil: day(2, -1) }, 'none:no_qualifying_touch code_expired'],
      ['before it was issued', { issuedAt: day(2, 1) }, 'none:no_qualifying_touch code_not_yet_valid'],
      ['before it was issued, at its earlier explicit validFrom', { issuedAt: day(4), validFrom: day(2) }, 'cmp/t'],
      ['before it was issued, 1 ms before its earlier explicit validFrom', { issuedAt: day(4), validFrom: day(2, 1) }, 'none:no_qualifying_touch code_not_yet_valid'],
      ['after it was issued, before a later explicit validFrom', { issuedAt: day(1), validFrom: day(3) }, 'none:no_qualifying_touch code_not_yet_valid'],
      ['exactly when it was deactivated', { deactivatedAt: day(2) }, 'none:no_qualifying_touch code_inactive'],
      ['1 ms before it was deactivated', { deactivatedAt: day(2, 1) }, 'cmp/t'],
      ['deactivated after the touch, before the order', { deactivatedAt: day(4) }, 'cmp/t'],
    ])('a touch %s', (_name, extra, expected) => {
      const limited = code('C', 'cmp', 'inf-anna', 'coupon', extra);
      const world = given({
        campaigns: [campaign('cmp', rulesWith())],
        codes: [limited],
        influencers: [influencer('inf-anna')],
        touches: [touch('t', limited, 'code', day(2))],
      });
      expect(summary(world.whenOrderPlaced(order({ occurredAt: day(5) })))).toBe(expected);
    });
  });

  describe('campaign status timeline, period and rules versions (at the order)', () => {
    const c = code('C', 'cmp', 'inf-anna', 'coupon');
    const worldWith = (cmp: ReturnType<typeof campaign>) =>
      given({ campaigns: [cmp], codes: [c], influencers: [influencer('inf-anna')], touches: [touch('t', c, 'code', day(-1))] });
    /** No recorded touch: the code on the order is the only candidate, so only the order's time is in play. */
    const orderOnlyWorld = (cmp: ReturnType<typeof campaign>, codes = [c]) => given({ campaigns: [cmp], codes, influencers: [influencer('inf-anna')] });
    const timeline = [
      { status: 'active' as const, at: day(0) },
      { status: 'paused' as const, at: day(5) },
      { status: 'active' as const, at: day(8) },
      { status: 'closed' as const, at: day(12) },
    ];
    const orderAt = (occurredAt: string) => order({ occurredAt, codes: ['C'] });

    describe('without startsAt: from the activation', () => {
      const world = orderOnlyWorld(campaign('cmp', rulesWith(), { statusChanges: timeline }));
      it.each([
        ['1 ms before the activation', day(0, -1), 'none:no_qualifying_touch campaign_inactive'],
        ['exactly at the activation', day(0), 'cmp/order:C'],
        ['while active', day(4), 'cmp/order:C'],
        ['1 ms before the pause', day(5, -1), 'cmp/order:C'],
        ['exactly when paused', day(5), 'none:no_qualifying_touch campaign_inactive'],
        ['while paused', day(6), 'none:no_qualifying_touch campaign_inactive'],
        ['exactly at the reactivation', day(8), 'cmp/order:C'],
        ['after the reactivation', day(9), 'cmp/order:C'],
        ['exactly at the close', day(12), 'none:no_qualifying_touch campaign_inactive'],
        ['after the close', day(13), 'none:no_qualifying_touch campaign_inactive'],
      ])('an order %s', (_name, at, expected) => {
        expect(summary(world.whenOrderPlaced(orderAt(at)))).toBe(expected);
      });
    });

    describe('with startsAt before the activation (a backfill): from startsAt, whatever the activation moment', () => {
      // The code too is valid from an explicit validFrom before it was issued (day -30).
      const backfilled = code('C', 'cmp', 'inf-anna', 'coupon', { validFrom: day(-120) });
      const world = orderOnlyWorld(campaign('cmp', rulesWith({ startsAt: day(-120) }), { statusChanges: timeline }), [backfilled]);
      it.each([
        ['1 ms before startsAt', day(-120, -1), 'none:no_qualifying_touch outside_campaign_period'],
        ['exactly at startsAt', day(-120), 'cmp/order:C'],
        ['40 days before the activation (and before the campaign record)', day(-40), 'cmp/order:C'],
        ['1 ms before the activation', day(0, -1), 'cmp/order:C'],
        ['exactly when paused', day(5), 'none:no_qualifying_touch campaign_inactive'],
        ['exactly at the reactivation', day(8), 'cmp/order:C'],
        ['after the close', day(13), 'none:no_qualifying_touch campaign_inactive'],
      ])('an order %s', (_name, at, expected) => {
        expect(summary(world.whenOrderPlaced(orderAt(at)))).toBe(expected);
      });

      it('but not when the campaign was never activated', () => {
        const draft = orderOnlyWorld(campaign('cmp', rulesWith({ startsAt: day(-120) }), { statusChanges: [] }), [backfilled]);
        expect(summary(draft.whenOrderPlaced(orderAt(day(-40))))).toBe('none:no_qualifying_touch campaign_inactive');
      });

      it('nor when it was closed before it was ever activated', () => {
        const closed = orderOnlyWorld(campaign('cmp', rulesWith({ startsAt: day(-120) }), { statusChanges: [{ status: 'closed', at: day(0) }] }), [backfilled]);
        expect(summary(closed.whenOrderPlaced(orderAt(day(-40))))).toBe('none:no_qualifying_touch campaign_inactive');
      });
    });

    it.each([
      ['1 ms before startsAt', day(2, -1), 'none:no_qualifying_touch outside_campaign_period'],
      ['exactly at startsAt', day(2), 'cmp/order:C'],
    ])('with startsAt after the activation: an order %s', (_name, at, expected) => {
      const world = orderOnlyWorld(campaign('cmp', rulesWith({ startsAt: day(2) }), { statusChanges: timeline }));
      expect(summary(world.whenOrderPlaced(orderAt(at)))).toBe(expected);
    });

    describe('touches: inside the earning period at their own time', () => {
      const worldOf = (startsAt: string | undefined, touchAt: string, codeExtra = {}) => {
        const tc = code('C', 'cmp', 'inf-anna', 'coupon', { issuedAt: day(-60), ...codeExtra });
        return given({
          campaigns: [campaign('cmp', rulesWith({ windowDays: 30, ...(startsAt === undefined ? {} : { startsAt }) }), { statusChanges: timeline })],
          codes: [tc],
          influencers: [influencer('inf-anna')],
          touches: [touch('t', tc, 'code', touchAt)],
        });
      };
      it.each([
        ['without startsAt, 1 ms before the activation', undefined, day(0, -1), 'none:no_qualifying_touch outside_campaign_period'],
        ['without startsAt, exactly at the activation', undefined, day(0), 'cmp/t'],
        ['with startsAt before the activation, before the activation', day(-10), day(-2), 'cmp/t'],
        ['with startsAt, 1 ms before it', day(-10), day(-10, -1), 'none:no_qualifying_touch outside_campaign_period'],
        ['during the pause (the pause is judged at the order)', undefined, day(6), 'cmp/t'],
      ])('a touch %s, an order on day 10', (_name, startsAt, touchAt, expected) => {
        expect(summary(worldOf(startsAt, touchAt).whenOrderPlaced(order({ occurredAt: day(10) })))).toBe(expected);
      });
    });

    it('a campaign never activated does not attribute', () => {
      const draft = campaign('cmp', rulesWith(), { statusChanges: [] });
      expect(summary(worldWith(draft).whenOrderPlaced(order()))).toBe('none:no_qualifying_touch campaign_inactive');
    });

    it.each([
      ['an order after endsAt', { endsAt: day(9) }, 'none:no_qualifying_touch outside_campaign_period'],
      ['an order at endsAt', { endsAt: day(10) }, 'cmp/t'],
      ['a touch before startsAt', { startsAt: day(-1, 1) }, 'none:no_qualifying_touch outside_campaign_period'],
      ['a touch at startsAt', { startsAt: day(-1) }, 'cmp/t'],
    ])('%s', (_name, period, expected) => {
      expect(summary(worldWith(campaign('cmp', rulesWith(period))).whenOrderPlaced(order({ occurredAt: day(10) })))).toBe(expected);
    });

    it('judges an order by the rules version in force at its time', () => {
      const shortened = campaign('cmp', rulesWith({ windowDays: 14 }), {
        laterVersions: [{ rulesVersion: 2, effectiveFrom: day(5), rules: rulesWith({ windowDays: 3 }) }],
      });
      const before = worldWith(shortened).whenOrderPlaced(order({ occurredAt: day(4, 999) }));
      const after = worldWith(shortened).whenOrderPlaced(order({ occurredAt: day(5) }));
      expect(before).toMatchObject({ attributed: true, winner: { rulesVersion: 1, basis: { windowDays: 14 } } });
      expect(summary(after)).toBe('none:no_qualifying_touch outside_window');
    });
  });

  describe('influencer status (at the order)', () => {
    const c = code('C', 'cmp', 'inf-anna', 'coupon');
    it.each([
      ['active', [], 'cmp/order:C'],
      ['suspended', [{ status: 'suspended' as const, at: day(3) }], 'none:no_qualifying_touch influencer_inactive'],
      ['reactivated', [{ status: 'suspended' as const, at: day(3) }, { status: 'active' as const, at: day(4) }], 'cmp/order:C'],
      ['terminated', [{ status: 'terminated' as const, at: day(3) }], 'none:no_qualifying_touch influencer_inactive'],
      ['terminated after the order', [{ status: 'terminated' as const, at: day(11) }], 'cmp/order:C'],
    ])('an order for a %s influencer', (_name, statusChanges, expected) => {
      const world = given({
        campaigns: [campaign('cmp', rulesWith())],
        codes: [c],
        influencers: [influencer('inf-anna', { statusChanges })],
      });
      expect(summary(world.whenOrderPlaced(order({ codes: ['C'] })))).toBe(expected);
    });
  });

  describe('between campaigns: precedence, then the latest touch, then the smaller campaign id', () => {
    const a = code('A', 'cmp-a', 'inf-anna', 'link');
    const b = code('B', 'cmp-b', 'inf-ben', 'link');
    const worldOf = (precedenceA: number, precedenceB: number, touchA: string, touchB: string) =>
      given({
        campaigns: [campaign('cmp-a', rulesWith({ precedence: precedenceA })), campaign('cmp-b', rulesWith({ precedence: precedenceB }))],
        codes: [a, b],
        influencers: [influencer('inf-anna'), influencer('inf-ben')],
        touches: [touch('t-a', a, 'click', touchA), touch('t-b', b, 'click', touchB)],
      });

    it.each([
      ['higher precedence wins over a later touch', 10, 1, day(1), day(5), 'cmp-a/t-a', ['t-b']],
      ['higher precedence wins over an earlier touch', 1, 10, day(1), day(5), 'cmp-b/t-b', ['t-a']],
      ['equal precedence: the latest touch wins', 5, 5, day(1), day(5), 'cmp-b/t-b', ['t-a']],
      ['equal precedence, same instant: the smaller campaign id wins', 5, 5, day(3), day(3), 'cmp-a/t-a', ['t-b']],
    ])('%s', (_name, pa, pb, ta, tb, expected, assisted) => {
      const outcome = worldOf(pa, pb, ta, tb).whenOrderPlaced(order());
      expect(summary(outcome)).toBe(expected);
      expect(outcome.assisted.map((x) => x.touchId)).toEqual(assisted);
    });

    it('keeps every losing qualifying touch as assisted, oldest first, but not the disqualified ones', () => {
      const world = given({
        campaigns: [campaign('cmp-a', rulesWith({ precedence: 1 })), campaign('cmp-b', rulesWith({ precedence: 2 }))],
        codes: [a, b],
        influencers: [influencer('inf-anna'), influencer('inf-ben')],
        touches: [
          touch('t-a1', a, 'click', day(2)),
          touch('t-old', a, 'click', day(-30)),
          touch('t-b', b, 'click', day(4)),
          touch('t-a2', a, 'click', day(6)),
        ],
      });
      const outcome = world.whenOrderPlaced(order());
      expect(outcome).toMatchObject({
        attributed: true,
        winner: { campaignId: 'cmp-b', influencerId: 'inf-ben', basis: { touchId: 't-b', precedence: 2, model: 'last_touch' } },
        assisted: [
          { campaignId: 'cmp-a', influencerId: 'inf-anna', code: 'A', touchId: 't-a1', touchKind: 'click', touchedAt: day(2) },
          { campaignId: 'cmp-a', influencerId: 'inf-anna', code: 'A', touchId: 't-a2', touchKind: 'click', touchedAt: day(6) },
        ],
        rejected: [{ touchId: 't-old', reason: 'outside_window' }],
      });
    });
  });

  describe('codes on the order', () => {
    const c = code('C', 'cmp', 'inf-anna', 'coupon');
    const world = given({
      campaigns: [campaign('cmp', rulesWith({ model: 'coupon' }))],
      codes: [c],
      influencers: [influencer('inf-anna', { customerRefs: ['anna-shopper'] })],
      touches: [touch('t-earlier', c, 'code', day(2))],
    });

    it('count as a code touch at the order time, credited before an earlier touch', () => {
      const outcome = world.whenOrderPlaced(order({ codes: ['C'], occurredAt: day(10) }));
      expect(outcome).toMatchObject({
        attributed: true,
        winner: { code: 'C', basis: { touchKind: 'code', touchId: null, touchedAt: day(10), channel: 'ecommerce' } },
        assisted: [{ touchId: 't-earlier' }],
        selfReferral: false,
      });
    });

    it('are ignored when unknown, and counted once when repeated', () => {
      const none = given({ campaigns: [], codes: [], influencers: [] }).whenOrderPlaced(order({ codes: ['NOPE'] }));
      expect(none).toEqual({ attributed: false, reason: 'no_candidates', assisted: [], rejected: [] });
      const twice = given({ campaigns: [campaign('cmp', rulesWith())], codes: [c], influencers: [influencer('inf-anna')] });
      expect(twice.whenOrderPlaced(order({ codes: ['C', 'C', 'NOPE'] })).assisted).toEqual([]);
    });

    it('are counted once per code however the catalog spells them', () => {
      const caseInsensitive = catalogOf({ campaigns: [campaign('cmp', rulesWith())], codes: [c], influencers: [influencer('inf-anna')] });
      const normalising = { ...caseInsensitive, findCode: (raw: string) => caseInsensitive.findCode(raw.trim().toUpperCase()) };
      const outcome = attribute({ order: order({ codes: ['c', ' C '] }), touches: [], catalog: normalising });
      expect(outcome).toMatchObject({ attributed: true, winner: { code: 'C' }, assisted: [] });
    });

    it('flag a self-referral without blocking the attribution', () => {
      const outcome = world.whenOrderPlaced(order({ codes: ['C'], customerRef: 'anna-shopper' }));
      expect(outcome).toMatchObject({ attributed: true, selfReferral: true, winner: { influencerId: 'inf-anna' } });
    });
  });

  it('returns the rules of the winning version with the winner', () => {
    const rules = rulesWith({ earnings: { type: 'fixed', amount: { amount: 500, currency: 'EUR' } } });
    const c = code('C', 'cmp', 'inf-anna');
    const catalog = catalogOf({ campaigns: [campaign('cmp', rules)], codes: [c], influencers: [influencer('inf-anna')] });
    const outcome = attribute({ order: order({ codes: ['C'] }), touches: [], catalog });
    expect(outcome).toMatchObject({ attributed: true, winner: { rulesVersion: 1, rules } });
  });
});
