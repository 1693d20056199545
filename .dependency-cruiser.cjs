/**
 * Import rules for the whole repository, run by `npm test` (test/run.mjs): no import circles, and
 * dependencies point from applications to libraries, never back. A package may use a service only
 * through the entry points the service declares (its definition and `./seeding`).
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'An import circle ties modules together so that neither can change or load alone.',
      severity: 'error',
      from: {},
      to: { circular: true, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'packages-never-import-the-gateway',
      comment:
        "The gateway is an application; what it shares with tools lives in packages/. The one exception is the benchmark's child process, which runs the gateway itself through its public entry point, as test/ does.",
      severity: 'error',
      from: { path: '^packages/', pathNot: '^packages/bench/src/child\\.ts$' },
      to: { path: '^gateway/' },
    },
    {
      name: 'packages-use-services-through-entry-points',
      comment: "A service's internals are its own: packages import its definition or ./seeding only.",
      severity: 'error',
      from: { path: '^packages/' },
      to: {
        path: '^services/[^/]+/',
        pathNot: '^services/[^/]+/(dist|src)/(subgraph|seeding)\\.(js|ts|d\\.ts)$',
      },
    },
    {
      name: 'services-stay-apart',
      comment: 'Each subgraph owns its data and code; another subgraph is reached through the graph.',
      severity: 'error',
      from: { path: '^services/([^/]+)/' },
      to: { path: '^(services/|gateway/)', pathNot: '^services/$1/' },
    },
    {
      name: 'only-the-definition-imports-resolvers',
      comment: 'Resolvers sit on top: domain, models and loaders never reach up to them.',
      severity: 'error',
      from: { path: '^services/([^/]+)/src/(?!subgraph\\.ts|resolvers/|__tests__/)' },
      to: { path: '^services/$1/src/resolvers/' },
    },
    {
      name: 'models-import-no-domain',
      comment: 'Models describe stored documents; logic builds on them, not the other way round.',
      severity: 'error',
      from: { path: '^services/([^/]+)/src/models/' },
      to: { path: '^services/$1/src/(domain|resolvers|loaders)' },
    },
  ],
  options: {
    doNotFollow: { path: ['node_modules', '/dist/'] },
    exclude: { path: ['__generated__'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['require', 'node', 'default'] },
  },
};
