import { INTEGRATION_ROLE, PARTNER_ROLE } from '@ledger/contracts';
import { IS_PUBLIC, OPEN_TO_INTEGRATION, REQUIRED_ACTING_ROLES, REQUIRED_ROLES } from '../auth/auth.decorators';
import { PARTNER_SCOPE, type PartnerScope } from '../auth/partner-scope';
import { READ_ONLY } from './read-only.decorator';
import { routeKey, type AppRoute } from './route-table';

/** Who may call one route, as its decorators declare it (the guard enforces exactly these). */
export interface RouteRoles {
  route: string;
  kind: 'command' | 'query' | 'other';
  public: boolean;
  /** @Roles: any one of them; undefined: any token of the org. */
  roles?: string[];
  actingRoles?: string[];
  openToIntegration: boolean;
  partnerScope?: PartnerScope;
}

export function routeRolesOf(route: AppRoute): RouteRoles {
  const meta = <T>(key: string) => (Reflect.getMetadata(key, route.handler) ?? Reflect.getMetadata(key, route.controller)) as T | undefined;
  const readOnly = meta<boolean>(READ_ONLY) === true;
  const roles = meta<string[]>(REQUIRED_ROLES);
  const actingRoles = meta<string[]>(REQUIRED_ACTING_ROLES);
  const partnerScope = Reflect.getMetadata(PARTNER_SCOPE, route.handler) as PartnerScope | undefined;
  return {
    route: routeKey(route.method, route.path),
    kind: route.method !== 'POST' ? 'other' : readOnly ? 'query' : 'command',
    public: meta<boolean>(IS_PUBLIC) === true,
    ...(roles ? { roles: [...roles] } : {}),
    ...(actingRoles ? { actingRoles: [...actingRoles] } : {}),
    openToIntegration: roles ? roles.includes(INTEGRATION_ROLE) : meta<boolean>(OPEN_TO_INTEGRATION) === true,
    ...(partnerScope ? { partnerScope } : {}),
  };
}

const HEADER = `# Roles of every route

Generated from the code by \`npm run docs:roles\` (from the route decorators: \`@Public\`, \`@Roles\`,
\`@RequiresActingRole\`, \`@OpenToIntegration\`, \`@PartnerScoped\`, \`@ReadOnly\`) — do not edit by hand:
\`test/structure/roles-doc.spec.ts\` fails when this file differs from what the code declares.

- **Roles** are the actor's *effective* roles: token roles ∪ grants in force at the request's time
  (\`grant/create\`; in force over [validFrom, validUntil)). Any one of those listed is enough; 403 \`ROLE_REQUIRED\` otherwise.
- **Acting role**: \`X-Actor-Role\` is required (400), must be one of those listed (403 \`ACTING_ROLE_NOT_ALLOWED\`)
  and held by the actor (403 \`ACTING_ROLE_NOT_HELD\`); it is recorded on the events.
- **${INTEGRATION_ROLE}**: a token holding only this role reaches the routes marked yes, nothing else.
- **${PARTNER_ROLE}**: a token with this role and no staff role (\`sub\` = influencer id) reaches only the routes
  that say how it is confined (the request field filled with / checked against its \`sub\`, the row column its
  queries filter on); every other route answers 403 \`PARTNER_ROUTE_NOT_ALLOWED\` (docs/http-edge.md, "Partner access").
- Rules that depend on the request, not only on the route, are the domain's: only \`inf_owner\` grants or revokes
  \`inf_owner\` / \`inf_admin\` (403 \`GOVERNANCE.OWNER_ONLY_ROLE\`); \`policy/set\` is \`inf_owner\`'s even for an
  owner acting as another role (403 \`GOVERNANCE.OWNER_ONLY_POLICY\`).

| route | kind | roles (any of) | acting role (X-Actor-Role) | ${INTEGRATION_ROLE} | ${PARTNER_ROLE} |
|---|---|---|---|---|---|
`;

/** docs/roles.md: one row per route, sorted by route. */
export function renderRoleTable(routes: Iterable<AppRoute>): string {
  const rows = [...routes].map(routeRolesOf).sort((x, y) => x.route.localeCompare(y.route));
  const unique = rows.filter((row, i) => i === 0 || rows[i - 1]!.route !== row.route);
  const code = (items: readonly string[]) => items.map((item) => `\`${item}\``).join(', ');
  const lines = unique.map((r) => {
    const roles = r.public ? 'public (no token)' : r.roles ? code(r.roles) : 'any token of the org';
    const acting = r.actingRoles ? code(r.actingRoles) : '—';
    const integration = r.public ? '—' : r.openToIntegration ? 'yes' : 'no';
    const partner = r.public ? '—' : r.partnerScope ? partnerText(r.partnerScope) : 'no (403)';
    return `| \`${r.route}\` | ${r.kind} | ${roles} | ${acting} | ${integration} | ${partner} |`;
  });
  return `${HEADER}${lines.join('\n')}\n`;
}

function partnerText(scope: PartnerScope): string {
  const parts = [
    ...(scope.requestField ? [`own only: request \`${scope.requestField}\` = sub`] : []),
    ...(scope.rowColumn ? [`rows where \`${scope.rowColumn}\` = sub`] : []),
  ];
  return parts.join('; ');
}
