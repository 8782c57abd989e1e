// Proves each fraud rule on an attributed order — self-referral (customer ref or email), duplicate claim (two influencers' codes, a conflicting redelivery), velocity (above, and exactly at, the threshold), channel misuse (a code used outside its channels) — and that rules can be switched off and a check completes once; given/when/then on the fraudcheck decider.
import { DeciderSpecification } from '@ledger/kernel';
import type { FraudCheckCompleted } from '@ledger/contracts';
import { DEFAULT_FRAUD_SETTINGS, type FraudSettings, type OrderUnderCheck } from '../fraud-rules/fraud-rules';
import { flagIdOf, fraudCheckDecider, type CheckOrder } from './fraud-check.decider';

const spec = DeciderSpecification.for(fraudCheckDecider);
const ORG = 'acme';
const AT = '2026-03-02T10:00:00.000Z';
const ALL_RULES = ['self_referral', 'duplicate_claim', 'velocity', 'channel_misuse'] as const;

const order = (overrides: Partial<OrderUnderCheck> = {}): OrderUnderCheck => ({
  orderId: 'o-1',
  customerRef: 'cust-1',
  channel: 'ecommerce',
  occurredAt: AT,
  winner: { influencerId: 'inf-ada', code: 'ADA10' },
  winnerIdentities: { email: 'ada@example.com', customerRefs: ['ada-home'] },
  uses: [{ code: 'ADA10', influencerId: 'inf-ada', usedIn: 'ecommerce', via: 'order' }],
  codeOrdersInHour: 1,
  ...overrides,
});

const check = (o: OrderUnderCheck, settings: FraudSettings = DEFAULT_FRAUD_SETTINGS): CheckOrder => ({ type: 'CheckOrder', data: { org: ORG, order: o, settings, at: AT } });

function completed(findings: FraudCheckCompleted['findings'], rulesRun: FraudCheckCompleted['rulesRun'] = [...ALL_RULES]) {
  return [
    {
      type: 'FraudCheckCompleted' as const,
      data: { orderId: 'o-1', influencerId: 'inf-ada', rulesRun, result: findings.length > 0 ? ('flagged' as const) : ('clear' as const), flagIds: findings.map((f) => f.flagId), findings, at: AT },
    },
  ];
}

const finding = (rule: FraudCheckCompleted['findings'][number]['rule'], evidence: Record<string, unknown>, influencerId = 'inf-ada') => ({
  flagId: flagIdOf(ORG, 'o-1', rule, influencerId),
  rule,
  influencerId,
  evidence,
});

describe('fraud check', () => {
  it('clear: an ordinary order raises nothing, every rule ran', () => {
    spec.given([]).when(check(order())).then(completed([]));
  });

  describe('self_referral', () => {
    it('the customer ref is one of the influencer\'s customer refs', () => {
      spec
        .given([])
        .when(check(order({ customerRef: 'ada-home' })))
        .then(completed([finding('self_referral', { customerRef: 'ada-home', matchedIdentity: 'customerRef', code: 'ADA10' })]));
    });

    it('the customer ref is the influencer\'s email (case and blanks aside)', () => {
      spec
        .given([])
        .when(check(order({ customerRef: ' ADA@example.com' })))
        .then(completed([finding('self_referral', { customerRef: ' ADA@example.com', matchedIdentity: 'email', code: 'ADA10' })]));
    });

    it('switched off for the org: not run, nothing raised', () => {
      const settings = { ...DEFAULT_FRAUD_SETTINGS, enabled: { ...DEFAULT_FRAUD_SETTINGS.enabled, self_referral: false } };
      spec.given([]).when(check(order({ customerRef: 'ada-home' }), settings)).then(completed([], ['duplicate_claim', 'velocity', 'channel_misuse']));
    });
  });

  describe('duplicate_claim', () => {
    it('codes of two influencers on one order: the winner is flagged, the evidence names both claimants', () => {
      const uses = [
        { code: 'ADA10', influencerId: 'inf-ada', usedIn: 'ecommerce' as const, via: 'order' as const },
        { code: 'BOB10', influencerId: 'inf-bob', usedIn: 'ecommerce' as const, via: 'order' as const },
      ];
      spec
        .given([])
        .when(check(order({ uses })))
        .then(completed([finding('duplicate_claim', { winner: { influencerId: 'inf-ada', code: 'ADA10' }, claimants: [{ influencerId: 'inf-ada', code: 'ADA10' }, { influencerId: 'inf-bob', code: 'BOB10' }] })]));
    });

    it('two codes of the same influencer are one claim', () => {
      const uses = [
        { code: 'ADA10', influencerId: 'inf-ada', usedIn: 'ecommerce' as const, via: 'order' as const },
        { code: 'ADA20', influencerId: 'inf-ada', usedIn: 'ecommerce' as const, via: 'order' as const },
      ];
      spec.given([]).when(check(order({ uses }))).then(completed([]));
    });

    it('the order delivered again under another sourceRef with other content', () => {
      const conflictingDeliveries = [{ sourceRef: 'scm-other', fields: ['customerRef'] }];
      spec
        .given([])
        .when(check(order({ conflictingDeliveries })))
        .then(completed([finding('duplicate_claim', { winner: { influencerId: 'inf-ada', code: 'ADA10' }, conflictingDeliveries })]));
    });
  });

  describe('velocity', () => {
    it('exactly at the threshold (50 orders of the code in the hour): clear', () => {
      spec.given([]).when(check(order({ codeOrdersInHour: 50 }))).then(completed([]));
    });

    it('one above the threshold: flagged with the count and the window', () => {
      spec
        .given([])
        .when(check(order({ codeOrdersInHour: 51 })))
        .then(completed([finding('velocity', { code: 'ADA10', ordersInHour: 51, velocityPerHour: 50, windowStart: '2026-03-02T09:00:00.000Z', windowEnd: AT })]));
    });

    it('the org\'s own threshold', () => {
      const settings = { ...DEFAULT_FRAUD_SETTINGS, velocityPerHour: 3 };
      spec.given([]).when(check(order({ codeOrdersInHour: 3 }), settings)).then(completed([]));
      spec
        .given([])
        .when(check(order({ codeOrdersInHour: 4 }), settings))
        .then(completed([finding('velocity', { code: 'ADA10', ordersInHour: 4, velocityPerHour: 3, windowStart: '2026-03-02T09:00:00.000Z', windowEnd: AT })]));
    });
  });

  describe('channel_misuse', () => {
    it('a code limited to ecommerce, touched at the till: its owner is flagged', () => {
      const uses = [{ code: 'ADA10', influencerId: 'inf-ada', codeChannels: ['ecommerce' as const], usedIn: 'pos' as const, via: 'touch' as const }];
      spec
        .given([])
        .when(check(order({ uses })))
        .then(completed([finding('channel_misuse', { uses: [{ code: 'ADA10', via: 'touch', usedIn: 'pos', codeChannels: ['ecommerce'] }] })]));
    });

    it('a code used inside its channels, or without channel limits: clear', () => {
      const uses = [
        { code: 'ADA10', influencerId: 'inf-ada', codeChannels: ['ecommerce' as const], usedIn: 'ecommerce' as const, via: 'order' as const },
        { code: 'ANY', influencerId: 'inf-ada', usedIn: 'pos' as const, via: 'touch' as const },
      ];
      spec.given([]).when(check(order({ uses }))).then(completed([]));
    });
  });

  it('several rules at once: one finding each', () => {
    const outcome = fraudCheckDecider.decide(check(order({ customerRef: 'ada-home', codeOrdersInHour: 60 })), fraudCheckDecider.initialState());
    expect(outcome[0]!.data.findings.map((f) => f.rule)).toEqual(['self_referral', 'velocity']);
    expect(outcome[0]!.data.result).toBe('flagged');
  });

  it('completes once: the same order checked again decides nothing', () => {
    const first = fraudCheckDecider.decide(check(order({ customerRef: 'ada-home' })), fraudCheckDecider.initialState());
    spec.given(first).when(check(order())).then([]);
  });
});
