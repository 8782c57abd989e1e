// `npm run docs:roles`: writes docs/roles.md, the role table of every route, from the route decorators of the
// HTTP side (the edge + HTTP_CAPABILITIES) — the one source; test/structure/roles-doc.spec.ts keeps it current.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LedgerHttpModule, moduleRoutes, renderRoleTable } from '@ledger/http';
import { HTTP_CAPABILITIES } from '../main/capabilities';

export function renderRolesDoc(): string {
  return renderRoleTable(moduleRoutes([LedgerHttpModule, ...HTTP_CAPABILITIES]));
}

if (require.main === module) {
  // From the repository root (npm run sets the cwd there), whether run from the sources or from dist/.
  const target = process.argv[2] ?? join(process.cwd(), 'docs', 'roles.md');
  writeFileSync(target, renderRolesDoc());
  process.stdout.write(`wrote ${target}\n`);
}
