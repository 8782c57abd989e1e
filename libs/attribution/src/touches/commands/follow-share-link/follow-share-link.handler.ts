import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@ledger/config';
import { CHANNELS, type Channel, type TouchRecorded } from '@ledger/contracts';
import { streamName, type EventMetadata } from '@ledger/event-store';
import { Logger } from '@ledger/runtime';
import { assert, CLOCK, NotFound, randomId, ValidationFailed, type Clock, type FieldProblem } from '@ledger/kernel';
import { PROGRAM_CATALOG, type ProgramCatalog } from '../../../catalog/read-models/program-catalog';
import { rulesAt, validateCode } from '../../../domain';
import { TouchEmitter } from '../../touch-emitter';
import { isCustomerRef } from './customer-cookie';
import { isHttpUrl, isShareLinkOrg } from './share-link';
import { verifyShareLinkCid } from './share-link-signature';

export interface ShareLinkVisit {
  code: string;
  query: Record<string, unknown>;
  /** From the `inf_cid` cookie, when the visitor has one. */
  cookieCustomerRef: string | undefined;
  correlationId: string;
  /** HEAD (link previews, crawlers' checks) redirects without recording a click. */
  record: boolean;
}

export interface ShareLinkAnswer {
  location: string;
  customerRef: string;
  /** The visitor is an anonymous ref we minted (or their cookie's): the one to keep in `inf_cid`. */
  anonymous: boolean;
}

/**
 * The refs we mint for anonymous visitors. A cookie is believed only in this shape: anyone can
 * send any Cookie header, and a cookie naming a real customer ref would plant touches on them.
 */
const ANONYMOUS_REF = /^anon-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isAnonymousRef(ref: string): boolean {
  return ANONYMOUS_REF.test(ref);
}

/** Share links are public: the touch is written by no user, under this actor id. */
export const SHARE_LINK_ACTOR = 'anonymous:share-link';

/**
 * A visitor followed an influencer's share link: record a click touch for the visitor (the `cid`
 * query parameter when the shop signed it (ADR 0011), else their `inf_cid` cookie if it is one of
 * our anonymous refs, else a new anonymous ref) and send them on to the campaign's landing page.
 * Only an active code of an active campaign with a landing page redirects. An unsigned, forged or
 * expired `cid` still redirects, but the click goes to an anonymous ref: it never names the customer.
 */
@Injectable()
export class FollowShareLinkHandler {
  private readonly log: Logger;
  private readonly secret: string;

  constructor(
    @Inject(PROGRAM_CATALOG) private readonly catalog: ProgramCatalog,
    private readonly touches: TouchEmitter,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
    logger: Logger,
  ) {
    this.log = logger.child({ component: 'share-link' });
    // startRuntime generates one when SHARE_LINK_SECRET is unset; an empty key would let anyone sign.
    assert(config.shareLinkSecret, 'the share-link secret must be resolved before the app starts');
    this.secret = config.shareLinkSecret;
  }

  execute(visit: ShareLinkVisit): ShareLinkAnswer {
    const { org, channel, customerRef: claimedRef } = parseQuery(visit.query);
    const now = this.clock.now();
    const occurredAt = now.toISOString();
    const validation = validateCode(this.catalog.view(org), visit.code, channel, occurredAt);
    if (!validation.valid) {
      throw new NotFound('SHARE_LINK_NOT_FOUND', `This link leads nowhere now (${validation.reason}).`);
    }
    const campaign = this.catalog.campaign(org, validation.campaignId);
    const landingUrl = campaign === undefined ? undefined : rulesAt(campaign, now.getTime()).rules.landingUrl;
    if (landingUrl === undefined || !isHttpUrl(landingUrl)) {
      throw new NotFound('SHARE_LINK_NO_LANDING_PAGE', 'The campaign of this link has no landing page.');
    }

    const customerRef = claimedRef === undefined ? undefined : this.signedCustomerRef(visit, org, claimedRef, now.getTime());
    const cookieRef = visit.cookieCustomerRef !== undefined && isAnonymousRef(visit.cookieCustomerRef) ? visit.cookieCustomerRef : undefined;
    const visitor = customerRef ?? cookieRef ?? `anon-${randomId()}`;
    if (visit.record) {
      const touch: TouchRecorded = {
        touchId: randomId(), // every click is its own fact
        code: validation.code,
        codeKind: validation.kind,
        touchKind: 'click',
        campaignId: validation.campaignId,
        influencerId: validation.influencerId,
        channel,
        customerRef: visitor,
        occurredAt,
      };
      const metadata: EventMetadata = { org, actorId: SHARE_LINK_ACTOR, correlationId: visit.correlationId, schemaVersion: 1, occurredAt };
      // The visitor is redirected at once; the click is stored within the emitter's flush window (ADR 0016 amends
      // ADR 0004): a crash in that window loses it, as a database outage always did — losing a click beats a slow link.
      this.touches.emit(streamName('customer', org, visitor), { id: touch.touchId, type: 'TouchRecorded', data: touch as unknown as Record<string, unknown>, metadata });
    }
    return { location: landingUrl, customerRef: visitor, anonymous: customerRef === undefined };
  }

  private signedCustomerRef(visit: ShareLinkVisit, org: string, cid: string, nowMs: number): string | undefined {
    const verdict = verifyShareLinkCid(this.secret, { code: visit.code, org, cid, exp: visit.query.exp, sig: visit.query.sig }, nowMs);
    if (verdict === 'signed') return cid;
    // Debug only: the rate limits bound how often a script can make us say this.
    this.log.debug('share-link cid not trusted: the click is recorded anonymously', { org, verdict });
    return undefined;
  }
}

function parseQuery(query: Record<string, unknown>): { org: string; channel: Channel; customerRef: string | undefined } {
  const problems: FieldProblem[] = [];
  const { o, ch, cid } = query;
  if (!isShareLinkOrg(o)) problems.push({ field: 'query:o', problem: 'required: the org of the link (letters, digits, _ and -)' });
  if (ch !== undefined && !(typeof ch === 'string' && (CHANNELS as readonly string[]).includes(ch))) {
    problems.push({ field: 'query:ch', problem: `must be one of ${CHANNELS.join(', ')}` });
  }
  if (cid !== undefined && !(typeof cid === 'string' && isCustomerRef(cid))) problems.push({ field: 'query:cid', problem: 'must be a customer ref (1 to 200 characters)' });
  if (problems.length > 0) throw new ValidationFailed(problems);
  return { org: o as string, channel: (ch as Channel | undefined) ?? 'ecommerce', customerRef: cid as string | undefined };
}
