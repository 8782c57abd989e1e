import { sql, type RawBuilder } from 'kysely';
import { INBOX_SEES_ALL_ROLES } from '../../domain';

/** The inbox of a caller: every item for owners and admins, else the items addressed to one of their roles. */
export function addressedTo(roles: readonly string[]): RawBuilder<boolean> {
  if (roles.some((role) => (INBOX_SEES_ALL_ROLES as readonly string[]).includes(role))) return sql<boolean>`true`;
  return sql<boolean>`${sql.ref('roles')} && ${sql.val([...roles])}::text[]`;
}
