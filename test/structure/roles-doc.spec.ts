// Proves docs/roles.md is the role table the code declares: it is rendered again from the route decorators of the
// HTTP side (apps/cli/docs-roles.ts, what `npm run docs:roles` writes) and must equal the committed file byte for byte.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderRolesDoc } from '../../apps/cli/docs-roles';

it('docs/roles.md is current (else run `npm run docs:roles` and commit it)', () => {
  const committed = readFileSync(join(__dirname, '..', '..', 'docs', 'roles.md'), 'utf8');
  expect(committed).toBe(renderRolesDoc());
});

it('names every role rule a route can carry: the owner-only grant roles and the partner scope', () => {
  const doc = renderRolesDoc();
  expect(doc).toMatch(/\| `POST \/influencer\/policy\/set` \| command \| `inf_owner` \|/);
  expect(doc).toMatch(/\| `POST \/influencer\/earning\/get` \| query \| .* \| rows where `influencer_id` = sub \|/);
  expect(doc).toMatch(/\| `POST \/influencer\/earning\/release` \| command \| .* \| `inf_owner`, `inf_admin`, `inf_finance`/);
});
