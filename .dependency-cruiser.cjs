/**
 * Dependency rules of Sésame, checked by `npm run check` (and so by `npm test`).
 * The README's "Architecture" section and docs/architecture.md explain each rule in one sentence.
 *
 * Test code (tests, harnesses, fixtures) may reach anything it needs to set up a scenario, so most
 * rules apply to production modules only. Cycles, between modules and between feature folders, are
 * checked against a baseline of today's cycles by scripts/check-module-cycles.ts and
 * scripts/check-folder-cycles.ts, which read this same cruise (see the first for why not `--ignore-known`).
 */

/** Tests, test harnesses and fixtures: never loaded by a running service. */
const testCode = "(\\.test\\.ts$|/testing/|-test-[a-z]+\\.ts$|/test-[a-z-]+\\.ts$)";

/** The layers, recognised by file name (`accounts/account-queries.ts` is storage). */
const front = "-(routes|page|pages|cli|feature)\\.ts$";
const operations = "-operations\\.ts$";
const rules = "-rules\\.ts$";
const storage = "-(queries|query|store|table|tables)\\.ts$";

/** @type {import("dependency-cruiser").IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "kit-stays-below-services",
      comment:
        "kit is shared by both services: it never imports a service, the end-to-end tests or the benchmarks.",
      severity: "error",
      from: { path: "^packages/kit/" },
      to: { path: "^(packages/(identity|portal)|e2e|bench)/" },
    },
    {
      name: "identity-never-imports-portal",
      comment: "identity and portal talk only through protocols (OAuth 2.0, OpenID Connect, HTTP APIs).",
      severity: "error",
      from: { path: "^packages/identity/" },
      to: { path: "^packages/portal/" },
    },
    {
      name: "portal-never-imports-identity",
      comment:
        "identity and portal talk only through protocols. Only the portal's tests and their harness start an identity in-process to talk to.",
      severity: "error",
      from: { path: "^packages/portal/", pathNot: testCode },
      to: { path: "^packages/identity/" },
    },
    {
      name: "services-never-import-e2e-or-bench",
      comment: "e2e and bench sit on top of the services; nothing below imports them.",
      severity: "error",
      from: { path: "^packages/" },
      to: { path: "^(e2e|bench)/" },
    },
    {
      name: "production-never-imports-test-code",
      comment: "A running service never loads a test, a harness or a fixture.",
      severity: "error",
      from: { path: "^packages/", pathNot: testCode },
      to: { path: testCode },
    },
    {
      name: "operations-never-import-front-ends",
      comment: "Operations are called by routes, pages, Graph and the CLI; they never call them back.",
      severity: "error",
      from: { path: operations },
      to: { path: front },
    },
    {
      name: "rules-never-import-front-ends-or-operations",
      comment: "A rule decides; it never reads a request, renders a page or runs a write.",
      severity: "error",
      from: { path: rules },
      to: { path: `(${front}|${operations})` },
    },
    {
      name: "storage-never-imports-upwards",
      comment:
        "Queries, stores and tables never call front-ends, operations or rules: a query never decides policy (it may name a rule's type).",
      severity: "error",
      from: {
        path: storage,
        // Today's one exception: the code store matches the redirect URI when it redeems a code.
        pathNot: "^packages/identity/src/oauth/code-store\\.ts$",
      },
      to: { path: `(${front}|${operations}|${rules})`, dependencyTypesNot: ["type-only"] },
    },
    {
      name: "tables-are-leaves",
      comment:
        "Table types describe rows; they import only other table types, kit's database types and constants of the service's config.",
      severity: "error",
      from: { path: "-(table|tables)\\.ts$" },
      to: {
        path: "^packages/",
        pathNot: ["-(table|tables)\\.ts$", "^packages/kit/src/db/", "^packages/[a-z]+/src/config\\.ts$"],
      },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(node_modules|data)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".js", ".json"],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
