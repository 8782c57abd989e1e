import { Inject, Injectable } from '@nestjs/common';
import type { Position } from '@ledger/event-store';
import { LIMITS, Unavailable } from '@ledger/kernel';
import { PROJECTION_PROGRESS, type ProjectionProgress } from '@ledger/projections';
import { GrantedRoles } from './granted-roles';

/**
 * "Grants take effect for the next request after grant/create answers" (API.md): a grant command
 * answers only once the grant read model holds its event, and after this process's cache forgot the
 * actor. Another API process sees it within LIMITS.governance.effectiveRolesCacheMs.
 */
@Injectable()
export class GrantVisibility {
  constructor(
    @Inject(PROJECTION_PROGRESS) private readonly progress: ProjectionProgress,
    private readonly grantedRoles: GrantedRoles,
  ) {}

  async awaitVisible(org: string, actorId: string, grantId: string, position: Position | null): Promise<void> {
    if (position !== null && !(await this.progress.waitFor(position, LIMITS.governance.grantVisibleWaitMs))) {
      this.grantedRoles.forget(org, actorId);
      throw new Unavailable(
        'GOVERNANCE.GRANT_NOT_YET_VISIBLE',
        `Grant ${grantId} is recorded but the read models have not caught up yet: it takes effect once they have (see grant/list). Do not create it again.`,
        1,
      );
    }
    this.grantedRoles.forget(org, actorId);
  }
}
