import nextVitals from "eslint-config-next/core-web-vitals";
import importX from "eslint-plugin-import-x";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import tseslint from "typescript-eslint";

// Layers, lowest first: engine → domain → db → server → auth → api → report → components/app.
// A layer may import the ones below it, never one above (types included where noted).
const layer = (name, forbidden, { allowTypes = false } = {}) => ({
  files: [`${name}/**/*.ts`, `${name}/**/*.tsx`],
  // Tests sit above every layer: they may drive a lower one through a higher one.
  ignores: ["**/*.test.ts"],
  rules: {
    "@typescript-eslint/no-restricted-imports": [
      "error",
      {
        patterns: forbidden.map((group) => ({
          group: [group, `${group}/**`],
          message: `${name} sits below ${group.replace("@/", "")}: move the shared piece down a layer instead.`,
          allowTypeImports: allowTypes,
        })),
      },
    ],
  },
});
const above = (names) => names.map((n) => `@/${n}`);

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      ".data/**",
      "lib/generated/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
      "**/*.mjs",
      "docs/mutation/**",
    ],
  },
  ...nextVitals,
  ...tseslint.configs.recommendedTypeChecked.map((c) => ({ ...c, files: ["**/*.ts", "**/*.tsx"] })),
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    files: ["lib/**/*.ts", "lib/**/*.tsx"],
    plugins: { "import-x": importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: "tsconfig.json" })],
    },
    // Start-up seeding loads data-layer modules lazily from db.ts (see there): dynamic imports
    // run after every module is initialised, so they cannot form a load-order cycle.
    rules: {
      "import-x/no-cycle": ["error", { ignoreExternal: true, allowUnsafeDynamicCyclicDependency: true }],
    },
  },
  layer(
    "lib/engine",
    above([
      "lib/domain",
      "lib/db",
      "lib/server",
      "lib/auth",
      "lib/api",
      "lib/report",
      "lib/client",
      "components",
      "app",
    ]).concat(["next", "react"]),
  ),
  layer(
    "lib/domain",
    above([
      "lib/db",
      "lib/server",
      "lib/auth",
      "lib/api",
      "lib/report",
      "lib/client",
      "components",
      "app",
    ]).concat(["next"]),
  ),
  layer(
    "lib/db",
    above(["lib/server", "lib/auth", "lib/api", "lib/report", "lib/client", "components", "app"]),
  ),
  layer(
    "lib/server",
    above(["lib/auth", "lib/api", "lib/report", "lib/client", "components", "app"]).concat(["next"]),
  ),
  layer("lib/auth", above(["lib/api", "lib/report", "lib/client", "components", "app"])),
  layer("lib/api", above(["lib/client", "components", "app"])),
  layer("lib/report", above(["lib/auth", "lib/api", "lib/client", "components", "app"])),
  // Pages, routes and the auth/api layers reach data only through operations that take a principal:
  // the data layer's internal helpers (grant-taking, transaction-taking, raw client) are off limits.
  {
    files: ["app/**/*.ts", "app/**/*.tsx", "lib/api/**/*.ts", "lib/auth/**/*.ts", "lib/report/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            ["db", "lib/server/db", ["db", "installDatabase"]],
            ["audit", "lib/server/audit", ["recordAudit"]],
            ["teams", "lib/server/teams", ["joinDefaultTeam", "homeTeamId"]],
            ["assessments", "lib/server/assessments", ["answersOf", "conflict"]],
            [
              "snapshots",
              "lib/server/snapshots",
              [
                "storeAnalysedSnapshot",
                "latestSnapshot",
                "readSnapshotObjects",
                "currentAnalysis",
                "deleteSnapshot",
                "reanalyseStoredSnapshot",
              ],
            ],
            [
              "scoring",
              "lib/server/scoring",
              [
                "manualAnswersOf",
                "pinnedVersionId",
                "readinessFor",
                "refreshScores",
                "listReports",
                "recordReport",
                "refreshAllScores",
                "reanalyseAndRescore",
              ],
            ],
            ["checklists", "lib/server/checklists", ["latestPublishedVersion", "ensureDefaultChecklist"]],
            ["exemptions", "lib/server/exemptions", ["activeExemptionRules"]],
            [
              "jobs",
              "lib/server/jobs",
              [
                "createRunningJob",
                "enqueueJob",
                "progressReporter",
                "finishJob",
                "failJob",
                "claimJob",
                "failAbandonedJobs",
                "activeJobsOf",
                "activeUploadCount",
              ],
            ],
            ["analysis-pool", "lib/server/analysis-pool", ["analyseUpload", "reanalyseSnapshot"]],
          ].map(([, name, importNames]) => ({
            name: `@/${name}`,
            importNames,
            message: "Internal to the data layer: call an operation that takes the caller's principal.",
          })),
        },
      ],
    },
  },
  // The browser never loads the data layer; it may share its DTO types.
  layer("components", above(["lib/server", "lib/db", "lib/auth", "lib/api"]), { allowTypes: true }),
);
