// Business time as requests carry it: an ISO 8601 instant with an explicit offset, on a real calendar
// day, inside LIMITS.time. Stricter than Date.parse, which takes 2026-02-30 (as 2 March) and 24:00;
// PostgreSQL refuses the first, so such a time would pass the edge and break a projection later.
import { LIMITS } from './limits';

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/** Real-world offsets span -12:00 … +14:00; a larger one is a typo, not a place. */
const OFFSET_MAX_MINUTES = 14 * 60;

const RANGE_MS = { min: Date.parse(LIMITS.time.businessTimeMin), max: Date.parse(LIMITS.time.businessTimeMax) };
if (!(RANGE_MS.min < RANGE_MS.max)) throw new Error(`BUSINESS_TIME_MIN (${LIMITS.time.businessTimeMin}) must be before BUSINESS_TIME_MAX (${LIMITS.time.businessTimeMax})`);

export const BUSINESS_TIME_FORMAT_PROBLEM = 'must be an ISO 8601 time with offset, e.g. 2026-03-01T10:00:00Z';

/** What is wrong with `value` as a business time, or null when nothing is. */
export function businessTimeProblem(value: unknown): string | null {
  if (typeof value !== 'string') return BUSINESS_TIME_FORMAT_PROBLEM;
  const match = ISO_INSTANT.exec(value);
  if (!match) return BUSINESS_TIME_FORMAT_PROBLEM;
  const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = [1, 2, 3, 4, 5, 6, 8, 9].map((i) => Number(match[i] ?? 0)) as [number, number, number, number, number, number, number, number];
  const onCalendar =
    month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month) && hour <= 23 && minute <= 59 && second <= 59 &&
    offsetMinutes <= 59 && offsetHours * 60 + offsetMinutes <= OFFSET_MAX_MINUTES;
  if (!onCalendar) return 'must be a real date and time (month 1–12, a day of that month, 00:00–23:59:59, offset at most ±14:00)';
  const ms = Date.parse(value);
  if (!Number.isFinite(ms) || ms < RANGE_MS.min || ms > RANGE_MS.max) {
    return `must be from ${LIMITS.time.businessTimeMin} to ${LIMITS.time.businessTimeMax}`;
  }
  return null;
}

export function isBusinessTime(value: unknown): value is string {
  return businessTimeProblem(value) === null;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
}
