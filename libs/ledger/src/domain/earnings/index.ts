// The earnings domain's public surface: the calculator, its parts, and clawback math.
export * from './calculate-earnings';
export * from './caps';
export * from './clawback';
export * from './commission-base';
export * from './commission-rule';
export * from './earnings.types';
export * from './line-allocation';
export * from './month-to-date';
export * from './referral-chain';
export * from './threshold-bonus';
export * from './recalculate-commission';
