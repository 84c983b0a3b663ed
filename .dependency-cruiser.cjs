/**
 * Dependency rules of Essaim, checked by `npm run lint:deps` (run by `npm test` before the suite).
 *
 * Layers, bottom up: `src/db/` and `src/web/` (infrastructure: no feature), the feature folders
 * `src/<feature>/`, `src/event-changes/` (changes of an event that reach its registrations, above
 * events and registrations), and the composition roots `src/app.ts` and `src/cli.ts`, which wire
 * everything together and may import anything. Tests are exempt: they reach into what they test.
 */

/**
 * What a feature may import of another feature. Why each one:
 * - service:    the feature's verbs (and the pure helpers it re-exports) — the normal way in;
 * - tables:     the drizzle schema, for `db/schema.ts` and for joins in another feature's queries;
 * - schemas:    Zod schemas and their types, shared with the OpenAPI description;
 * - messages:   the feature's FR/NL/EN catalogue;
 * - policy:     who may do what, so that another feature's routes and pages ask the same rule;
 * - outbox:     queue writers (mail, webhooks), called inside another feature's transaction;
 * - format:     pure display helpers (dates, places);
 * - components: the few page pieces other features' pages embed (an event in a list, feed links);
 * - gdpr:       the feature's personal data (export and forget), run by the GDPR feature's registry.
 */
const PUBLIC_KINDS = '(service|tables|schemas|messages|policy|outbox|format|components|gdpr)';

/** Any module of a feature folder (everything under src/ but web/ and db/). */
const FEATURE = '^src/(?!web/|db/)[^/]+/';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycle, of any length: a cycle means two modules are one, or a layer is upside down.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'infrastructure-imports-no-feature',
      comment: 'src/web and src/db sit below every feature and import none at run time (the app gives web/ its lookups).',
      severity: 'error',
      from: { path: '^src/(web|db)/', pathNot: ['\\.test\\.tsx?$', '^src/db/schema\\.ts$'] },
      to: { path: FEATURE, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'infrastructure-names-only-user-and-network',
      comment: 'web/ may name the User and Network types (a type-only import, erased at build), nothing else.',
      severity: 'error',
      from: { path: '^src/(web|db)/', pathNot: '\\.test\\.tsx?$' },
      to: { path: FEATURE, dependencyTypes: ['type-only'], pathNot: '^src/(accounts|networks)/service\\.ts$' },
    },
    {
      name: 'schema-index-imports-tables-only',
      comment: 'db/schema.ts is the drizzle schema index (migrations, typed queries): it imports every tables.ts, nothing else.',
      severity: 'error',
      from: { path: '^src/db/schema\\.ts$' },
      to: { path: FEATURE, pathNot: '/tables\\.ts$' },
    },
    {
      name: 'feature-imports-public-modules-only',
      comment: `A feature uses another through its ${PUBLIC_KINDS}.ts only, never its queries, routes or pages.`,
      severity: 'error',
      // ops/serve.ts starts the server and its workers, src/demo/ builds a whole network through every
      // feature's verbs (some in modules of their own, e.g. jury/reviews.ts): composition roots like app.ts.
      from: { path: '^src/([^/]+)/', pathNot: ['\\.test\\.tsx?$', '^src/(web|db)/', '^src/ops/serve\\.ts$', '^src/demo/'] },
      to: {
        path: '^src/[^/]+/',
        pathNot: ['^src/$1/', `^src/[^/]+/${PUBLIC_KINDS}\\.tsx?$`, '^src/(web|db)/'],
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^src/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
