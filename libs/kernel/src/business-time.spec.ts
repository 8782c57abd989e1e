// Proves a business time is an ISO 8601 instant with offset, on the calendar, inside LIMITS.time; and that
// BUSINESS_TIME_MIN / BUSINESS_TIME_MAX move the range (a bad value stops start-up).
import { businessTimeProblem, isBusinessTime } from './business-time';
import { instantFromEnv } from './limit-overrides';
import { LIMITS } from './limits';

describe('businessTimeProblem', () => {
  it.each(['2026-03-01T10:00:00Z', '2026-03-01T10:00Z', '2026-03-01T10:00:00.123456789+02:00', '2024-02-29T23:59:59-12:00', '2000-02-29T00:00:00Z', '2026-03-01T10:00:00+14:00'])(
    'takes %s',
    (time) => expect(businessTimeProblem(time)).toBeNull(),
  );

  it('takes both ends of the default range', () => {
    expect(LIMITS.time).toEqual({ businessTimeMin: '1970-01-01T00:00:00Z', businessTimeMax: '2100-01-01T00:00:00Z' });
    expect(isBusinessTime('1970-01-01T00:00:00Z')).toBe(true);
    expect(isBusinessTime('2100-01-01T00:00:00Z')).toBe(true);
    expect(isBusinessTime('2100-01-01T01:00:00+01:00')).toBe(true); // the same instant
  });

  it.each(['0000-01-01T00:00:00Z', '9999-12-31T23:00:00Z', '1969-12-31T23:59:59.999Z', '2100-01-01T00:00:00.001Z', '1970-01-01T00:30:00+01:00'])('refuses %s: outside the range', (time) => {
    expect(businessTimeProblem(time)).toBe('must be from 1970-01-01T00:00:00Z to 2100-01-01T00:00:00Z');
  });

  it.each(['2026-02-29T00:00:00Z', '2026-02-30T00:00:00Z', '2026-04-31T00:00:00Z', '2026-13-01T00:00:00Z', '2026-00-10T00:00:00Z', '2026-03-00T00:00:00Z', '2026-03-01T24:00:00Z', '2026-03-01T10:60:00Z', '2026-03-01T10:00:60Z', '2026-03-01T10:00:00+14:30', '2026-03-01T10:00:00-15:00', '2026-03-01T10:00:00+02:60', '1900-02-29T00:00:00Z'])(
    'refuses %s: not on the calendar (Date.parse would take some of them)',
    (time) => expect(businessTimeProblem(time)).toMatch(/^must be a real date and time/),
  );

  it.each([undefined, null, 42, '', '2026-03-01', '2026-03-01T10:00:00', '2026-03-01 10:00:00Z', 'yesterday', '+275760-09-13T00:00:00Z', '2026-03-01T10:00:00.1234567890Z'])('refuses %p: not an ISO 8601 instant with offset', (time) => {
    expect(businessTimeProblem(time)).toBe('must be an ISO 8601 time with offset, e.g. 2026-03-01T10:00:00Z');
  });
});

describe('BUSINESS_TIME_MIN / BUSINESS_TIME_MAX', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('move the range, read when LIMITS loads', () => {
    process.env.BUSINESS_TIME_MIN = '2000-01-01T00:00:00Z';
    process.env.BUSINESS_TIME_MAX = '2050-01-01T00:00:00+01:00';
    jest.isolateModules(() => {
      // LIMITS reads the environment once, when it loads: a fresh module registry loads it again.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const fresh = require('./business-time') as typeof import('./business-time');
      expect(fresh.isBusinessTime('1999-12-31T23:59:59Z')).toBe(false);
      expect(fresh.isBusinessTime('2000-01-01T00:00:00Z')).toBe(true);
      expect(fresh.businessTimeProblem('2060-01-01T00:00:00Z')).toBe('must be from 2000-01-01T00:00:00Z to 2050-01-01T00:00:00+01:00');
    });
  });

  it('a value that is not an instant stops start-up, naming the variable', () => {
    expect(() => instantFromEnv('X_TIME', '1970-01-01T00:00:00Z')).not.toThrow();
    process.env.X_TIME = '2000-01-01';
    expect(() => instantFromEnv('X_TIME', '1970-01-01T00:00:00Z')).toThrow(/^X_TIME: must be an ISO 8601 instant/);
  });

  it('a minimum not before the maximum stops start-up', () => {
    process.env.BUSINESS_TIME_MIN = '2100-01-01T00:00:00Z';
    process.env.BUSINESS_TIME_MAX = '2000-01-01T00:00:00Z';
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      expect(() => require('./business-time')).toThrow(/BUSINESS_TIME_MIN .* must be before BUSINESS_TIME_MAX/);
    });
  });
});
