// Which touches each attribution model may credit.
import type { AttributionModel, CodeKind, TouchKind } from '@ledger/contracts';
import { assertNever } from '@ledger/kernel';

/**
 * `coupon`: codes applied at checkout or carried on the order, of coupon codes. `link`: clicks and
 * link visits of link codes. `qr`: QR scans of QR codes. `in_store`: in-store codes, scanned in the
 * store or carried on the order. `first_touch`/`last_touch`: any touch. The code kind comes from the
 * catalog, not from the touch, so a mislabelled touch cannot change what it credits.
 */
export function modelAcceptsTouch(model: AttributionModel, touchKind: TouchKind, codeKind: CodeKind): boolean {
  switch (model) {
    case 'first_touch':
    case 'last_touch':
      return true;
    case 'coupon':
      return codeKind === 'coupon' && touchKind === 'code';
    case 'link':
      return codeKind === 'link' && (touchKind === 'click' || touchKind === 'link');
    case 'qr':
      return codeKind === 'qr' && touchKind === 'qr_scan';
    case 'in_store':
      return codeKind === 'in_store' && (touchKind === 'in_store' || touchKind === 'code');
    default:
      return assertNever(model, 'attribution model');
  }
}

/** `first_touch` credits the earliest qualifying touch of a campaign; every other model the latest. */
export function modelPrefersEarliest(model: AttributionModel): boolean {
  switch (model) {
    case 'first_touch':
      return true;
    case 'last_touch':
    case 'coupon':
    case 'link':
    case 'qr':
    case 'in_store':
      return false;
    default:
      return assertNever(model, 'attribution model');
  }
}
