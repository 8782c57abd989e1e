import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension, ApiHeader } from '@nestjs/swagger';

export const IS_PUBLIC = 'ledger:isPublic';
export const REQUIRED_ROLES = 'ledger:requiredRoles';
export const REQUIRED_ACTING_ROLES = 'ledger:requiredActingRoles';
export const OPEN_TO_INTEGRATION = 'ledger:openToIntegration';

/** No bearer token needed (health, metrics, docs, share-link redirect, public application). */
export const Public = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension('x-ledger-public', true));

/** The actor needs at least one of these among its effective roles (403 otherwise). */
export const Roles = (...roles: string[]): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(REQUIRED_ROLES, roles), ApiExtension('x-ledger-roles', roles));

/**
 * The command is performed in a role that is recorded on its events: `X-Actor-Role` is
 * required (400 when missing), must be one of `roles` and one of the actor's effective roles (403).
 */
export const RequiresActingRole = (...roles: string[]): MethodDecorator =>
  applyDecorators(
    SetMetadata(REQUIRED_ACTING_ROLES, roles),
    ApiExtension('x-ledger-acting-roles', roles),
    ApiHeader({
      name: 'X-Actor-Role',
      required: true,
      description: `Role the actor acts in; recorded on the events. One of: ${roles.join(', ')} — and held by the actor (token roles or an active grant).`,
      schema: { type: 'string', enum: roles },
    }),
  );

/**
 * For routes without @Roles that an integration-only token (inf_integration) may call as well
 * (code/apply, touch/record, whoami). Every other route without @Roles refuses such a token:
 * a new route stays closed to integrations until someone decides otherwise.
 */
export const OpenToIntegration = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(OPEN_TO_INTEGRATION, true), ApiExtension('x-ledger-open-to-integration', true));
