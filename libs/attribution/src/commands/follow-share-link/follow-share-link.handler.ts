import { Inject, Injectable } from '@nestjs/common';
import { CHANNELS, type Channel, type TouchRecorded } from '@ledger/contracts';
import { EVENT_STORE, type EventMetadata, type EventStore } from '@ledger/event-store';
import { Logger } from '@ledger/http';
import { CLOCK, NotFound, randomId, ValidationFailed, type Clock, type FieldProblem } from '@ledger/kernel';
import { PROGRAM_CATALOG, type ProgramCatalog } from '../../catalog';
import { rulesAt, validateCode } from '../../domain';
import { appendTouch } from '../../touches/touch-recording';
import { isCustomerRef } from './customer-cookie';
import { isHttpUrl, isShareLinkOrg } from './share-link';

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
}

/** Share links are public: the touch is written by no user, under this actor id. */
export const SHARE_LINK_ACTOR = 'anonymous:share-link';

/**
 * A visitor followed an influencer's share link: record a click touch for the visitor (the `cid`
 * query parameter, else their `inf_cid` cookie, else a new anonymous ref) and send them on to the
 * campaign's landing page. Only an active code of an active campaign with a landing page redirects.
 */
@Injectable()
export class FollowShareLinkHandler {
  private readonly log: Logger;

  constructor(
    @Inject(PROGRAM_CATALOG) private readonly catalog: ProgramCatalog,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    logger: Logger,
  ) {
    this.log = logger.child({ component: 'share-link' });
  }

  async execute(visit: ShareLinkVisit): Promise<ShareLinkAnswer> {
    const { org, channel, customerRef } = parseQuery(visit.query);
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

    const visitor = customerRef ?? visit.cookieCustomerRef ?? randomId();
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
      // The visitor gets the landing page even if the click cannot be stored: losing a click beats a broken link.
      await appendTouch(this.store, touch, metadata).catch((error: unknown) => {
        this.log.error('share-link click not recorded', { err: error, org, code: validation.code });
      });
    }
    return { location: landingUrl, customerRef: visitor };
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
