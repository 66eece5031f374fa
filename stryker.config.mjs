// Mutation testing of the engine's checks and snapshot loader: `npm run mutation` (on demand, not part of
// `npm test`: a full run takes hours on two cores). During development mutate one file at a time:
//   npm run mutation -- --mutate lib/engine/snapshot/facts.ts
// and MUTATION_TESTS=snapshot (or checks) to run only that part's tests (see vitest.mutation.config.mts).
// Results: reports/mutation/index.html (git-ignored). docs/mutation/incremental.json is committed: the next
// run, in any checkout, re-tests only mutants whose code or covering tests changed, so a whole run can be
// done in chunks across sessions. A chunked run (--mutate a,b) keeps the results of files outside the chunk
// in that file (Stryker carries over old mutants of unchanged files it was not asked to mutate). Commit it
// after each chunk.
import { resolve } from "node:path";

// Stryker runs the tests in a sandbox copy outside the repository, where ../shared/corpus does not resolve.
process.env.KUBEREADY_CORPUS_DIR ??= resolve("../shared/corpus");

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner"],
  vitest: { configFile: "vitest.mutation.config.mts", related: true },
  mutate: [
    "lib/engine/checks/**/*.ts",
    "lib/engine/snapshot/**/*.ts",
    "!**/*.test.ts",
    "!lib/engine/checks/fixtures/**",
  ],
  // Only what the engine's tests need is copied into the sandbox.
  ignorePatterns: ["/**", "!/lib/**", "!/package.json", "!/tsconfig.json", "!/vitest.mutation.config.mts"],
  tempDirName: "../.stryker-tmp-kubeready",
  coverageAnalysis: "perTest",
  // Module-level constants would re-run every test for each of their mutants; they are left out (reported
  // as ignored, not counted in the score).
  ignoreStatic: true,
  concurrency: 2,
  incremental: true,
  incrementalFile: "docs/mutation/incremental.json",
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/index.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  thresholds: { high: 80, low: 60, break: null },
  timeoutMS: 10_000,
};
