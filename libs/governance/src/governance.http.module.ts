import { Global, Module } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { EFFECTIVE_ROLES, type EffectiveRolesLookup } from '@ledger/http';
import { Unavailable } from '@ledger/kernel';
import { isTransientError } from '@ledger/projections';
import { DATABASE } from '@ledger/runtime';
import { CreateGrantController } from './grants/commands/create-grant/create-grant.http.controller';
import { CreateGrantHandler } from './grants/commands/create-grant/create-grant.handler';
import { RevokeGrantController } from './grants/commands/revoke-grant/revoke-grant.http.controller';
import { RevokeGrantHandler } from './grants/commands/revoke-grant/revoke-grant.handler';
import { GrantVisibility } from './grants/grant-visibility';
import { GrantedRoles } from './grants/granted-roles';
import { ListGrantsController } from './grants/queries/list-grants/list-grants.http.controller';
import { SetPolicyController } from './policies/commands/set-policy/set-policy.http.controller';
import { SetPolicyHandler } from './policies/commands/set-policy/set-policy.handler';
import { GetPolicyController } from './policies/queries/get-policy/get-policy.http.controller';

/**
 * Governance over HTTP: grant/create | revoke | list, policy/set | get — and EFFECTIVE_ROLES for the
 * auth guard (token roles ∪ grants in force at the request's time). @Global() so the edge's guard,
 * in another module, receives the lookup.
 */
@Global()
@Module({
  controllers: [CreateGrantController, RevokeGrantController, ListGrantsController, SetPolicyController, GetPolicyController],
  providers: [
    { provide: GrantedRoles, inject: [DATABASE], useFactory: (db: Kysely<any>) => new GrantedRoles(db) },
    {
      provide: EFFECTIVE_ROLES,
      inject: [GrantedRoles],
      useFactory:
        (granted: GrantedRoles): EffectiveRolesLookup =>
        async (org, actorId, at) => {
          try {
            return await granted.rolesAt(org, actorId, at);
          } catch (error) {
            // Every authenticated request asks: a database that is briefly away is a 503 to retry, not a 500.
            if (isTransientError(error)) throw new Unavailable('GOVERNANCE.ROLES_UNAVAILABLE', 'Granted roles cannot be read right now; retry.', 1);
            throw error;
          }
        },
    },
    GrantVisibility,
    CreateGrantHandler,
    RevokeGrantHandler,
    SetPolicyHandler,
  ],
  exports: [EFFECTIVE_ROLES],
})
export class GovernanceHttpModule {}
