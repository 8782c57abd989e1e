// Positions are stored as numeric(20,0) decimal strings; compare them exactly, as bigints.
export function comparePositionText(commitA: string, prepareA: string, commitB: string, prepareB: string): number {
  const a = [BigInt(commitA), BigInt(prepareA)] as const;
  const b = [BigInt(commitB), BigInt(prepareB)] as const;
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  if (a[1] !== b[1]) return a[1] < b[1] ? -1 : 1;
  return 0;
}
