/** Delay before retry number `failures` (1, 2, ...): doubling from `baseMs`, never above `maxMs`. */
export function retryDelayMs(failures: number, baseMs: number, maxMs: number): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30); // 2^30 already exceeds any sane max
  return Math.min(baseMs * 2 ** exponent, maxMs);
}
