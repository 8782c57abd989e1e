import { Global, Module } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { EFFECTIVE_ROLES, type EffectiveRolesLookup } from '@ledger/http';
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
      useFactory: (granted: GrantedRoles): EffectiveRolesLookup => (org, actorId, at) => granted.rolesAt(org, actorId, at),
    },
    GrantVisibility,
    CreateGrantHandler,
    RevokeGrantHandler,
    SetPolicyHandler,
  ],
  exports: [EFFECTIVE_ROLES],
})
export class GovernanceHttpModule {}
