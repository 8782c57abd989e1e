// Proves code normalisation and the code decider: issue once per stream, deactivate once, every refusal; given/when/then.
import { Conflict, DeciderSpecification, LIMITS, NotFound, ValidationFailed } from '@ledger/kernel';
import { T0, T1 } from '../testing/fixtures';
import { codeDecider, type CodeEvent, type IssueCode } from './code.decider';
import { normaliseCode } from '@ledger/contracts';

const spec = DeciderSpecification.for(codeDecider);
const fieldsAre = (fields: string[]) => (e: unknown) => e instanceof ValidationFailed && JSON.stringify(e.errors?.map((p) => p.field)) === JSON.stringify(fields);

const issue: IssueCode['data'] = { codeId: 'code-1', code: ' anna10 ', campaignId: 'c-1', influencerId: 'inf-1', kind: 'coupon', now: T0 };
const issued: CodeEvent = { type: 'CodeIssued', data: { codeId: 'code-1', code: 'ANNA10', campaignId: 'c-1', influencerId: 'inf-1', kind: 'coupon', issuedAt: T0 } };
const deactivated: CodeEvent = { type: 'CodeDeactivated', data: { codeId: 'code-1', code: 'ANNA10', at: T1 } };

describe('normaliseCode', () => {
  it('trims and upper-cases', () => {
    expect(normaliseCode('  summer_sale-10 ')).toEqual({ ok: true, code: 'SUMMER_SALE-10' });
  });

  it.each([
    ['blank', '   '],
    ['a space inside', 'ANNA 10'],
    ['a dot (stream-name separator)', 'ANNA.10'],
    ['non-ASCII letters', 'ÄNNA'],
    ['too long', 'A'.repeat(LIMITS.domain.codeChars + 1)],
    ['not a text', 42],
  ])('refuses %s', (_name, raw) => {
    expect(normaliseCode(raw).ok).toBe(false);
  });

  it('accepts the longest allowed code', () => {
    expect(normaliseCode('a'.repeat(LIMITS.domain.codeChars))).toEqual({ ok: true, code: 'A'.repeat(LIMITS.domain.codeChars) });
  });
});

describe('code decider', () => {
  describe('IssueCode', () => {
    it('issues a code on an empty stream, normalised', () => {
      spec.given([]).when({ type: 'IssueCode', data: issue }).then([issued]);
    });

    it('carries discount, channels and validity', () => {
      const data = { ...issue, kind: 'link' as const, discount: { type: 'percent' as const, rateBps: 1_000 }, channels: ['ecommerce' as const], validFrom: T0, validUntil: T1 };
      spec
        .given([])
        .when({ type: 'IssueCode', data })
        .then([{ type: 'CodeIssued', data: { ...issued.data, kind: 'link', discount: data.discount, channels: ['ecommerce'], validFrom: T0, validUntil: T1 } } as CodeEvent]);
    });

    it('refuses a taken code, also when deactivated', () => {
      spec.given([issued]).when({ type: 'IssueCode', data: { ...issue, codeId: 'code-2' } }).thenThrows(Conflict, 'CODE.TAKEN');
      spec.given([issued, deactivated]).when({ type: 'IssueCode', data: issue }).thenThrows(Conflict, 'CODE.TAKEN');
    });

    it('refuses an unusable code and bad fields, listing each', () => {
      spec
        .given([])
        .when({
          type: 'IssueCode',
          data: { ...issue, code: 'ANNA 10', campaignId: '', kind: 'sms' as never, discount: { type: 'fixed', amount: { amount: 0, currency: 'EUR' } }, channels: ['ecommerce', 'tv' as never], validFrom: T1, validUntil: T0 },
        })
        .thenThrows(fieldsAre(['code', 'campaignId', 'kind', 'discount.amount.amount', 'channels[1]', 'validUntil']));
    });

    it('refuses an empty channel list (absent means every channel)', () => {
      spec.given([]).when({ type: 'IssueCode', data: { ...issue, channels: [] } }).thenThrows(fieldsAre(['channels']));
    });
  });

  describe('DeactivateCode', () => {
    it('deactivates an issued code, whatever spelling the command uses', () => {
      spec.given([issued]).when({ type: 'DeactivateCode', data: { code: 'anna10', now: T1 } }).then([deactivated]);
      spec
        .given([issued])
        .when({ type: 'DeactivateCode', data: { code: 'ANNA10', reasonCode: 'influencer_left', now: T1 } })
        .then([{ type: 'CodeDeactivated', data: { ...deactivated.data, reasonCode: 'influencer_left' } } as CodeEvent]);
    });

    it('refuses deactivating twice', () => {
      spec.given([issued, deactivated]).when({ type: 'DeactivateCode', data: { code: 'ANNA10', now: T1 } }).thenThrows(Conflict, 'CODE.ALREADY_DEACTIVATED');
    });

    it('refuses a code never issued', () => {
      spec.given([]).when({ type: 'DeactivateCode', data: { code: 'ANNA10', now: T1 } }).thenThrows(NotFound, 'CODE.NOT_FOUND');
    });

    it('refuses an unusable code or a blank reason', () => {
      spec.given([issued]).when({ type: 'DeactivateCode', data: { code: '', reasonCode: ' ', now: T1 } }).thenThrows(fieldsAre(['code', 'reasonCode']));
    });
  });
});
