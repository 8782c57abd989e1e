/**
 * Effective roles = token roles ∪ roles granted in the system (grants are permanent,
 * time-bounded or scheduled, so the lookup takes the instant). The governance module plugs in
 * by providing EFFECTIVE_ROLES from a @Global() module; until then nobody has extra roles.
 */
export type EffectiveRolesLookup = (org: string, actorId: string, at: Date) => Promise<readonly string[]>;

export const EFFECTIVE_ROLES = Symbol('EFFECTIVE_ROLES');

export const noExtraRoles: EffectiveRolesLookup = async () => [];
