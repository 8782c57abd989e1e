// ibantools ships its types as ESM beside a CommonJS build: the CommonJS build is what `require` loads.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { electronicFormatIBAN, isValidBIC, isValidIBAN } = require('ibantools') as typeof import('ibantools', { with: { 'resolution-mode': 'import' } });

export function isValidBankAccount(iban: string, bic?: string): boolean {
  const electronic = electronicFormatIBAN(iban);
  return electronic !== null && isValidIBAN(electronic) && (bic === undefined || isValidBIC(bic.toUpperCase()));
}
