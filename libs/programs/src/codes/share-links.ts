import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@ledger/config';
import type { CodeKind } from '@ledger/contracts';

/**
 * Link codes are shared as a URL: `GET /r/<CODE>` records the click and redirects to the campaign's
 * landing page. The origin is PUBLIC_BASE_URL (what customers can reach), else this server on localhost.
 */
@Injectable()
export class ShareLinks {
  private readonly origin: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.origin = config.publicBaseUrl ?? `http://localhost:${config.port}`;
  }

  /** The share URL of a link code; undefined for other kinds. `code` is normalised (URL-safe characters only). */
  urlOf(kind: CodeKind, code: string): string | undefined {
    return kind === 'link' ? `${this.origin}/r/${code}` : undefined;
  }
}
