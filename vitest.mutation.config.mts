// The unit tests that mutation testing (`npm run mutation`, stryker.config.mjs) runs against each mutant of
// lib/engine/checks and lib/engine/snapshot: the engine's own tests, without the ones that take seconds
// each on the whole corpus or on purpose-built bombs (every surviving mutant re-runs every test covering
// it, so one slow test multiplies into hours). What they check is still asserted by `npm run test:unit`.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const alias = { "@": fileURLToPath(new URL("./", import.meta.url)) };

/** Whole test files left out: corpus-wide runs, the golden file, random property runs, size bombs. */
const SLOW_FILES = [
  "lib/engine/corpus.test.ts",
  "lib/engine/corpus-golden.test.ts",
  "lib/engine/property.test.ts",
  "lib/engine/snapshot/bombs.test.ts",
];
/** Single slow tests left out by name (whole-corpus comparisons, 200,000-object and 100 MB inputs). */
const SLOW_TESTS = [
  "agrees with the yaml package on every YAML file of the corpus",
  "stores 200,000 small pods",
  "reports a syntax error in a late item, even when the object limit is also exceeded",
  "reads a big JSON list, gzip and zip as the server does",
  "leaks no secret value",
  "has nothing left to redact",
];
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * MUTATION_TESTS=snapshot or =checks narrows the tests to that part's own plus the engine-level ones (faster;
 * a score measured so is a lower bound of the score with every engine test).
 */
const SCOPES: Record<string, string[]> = {
  snapshot: ["lib/engine/snapshot/**/*.test.ts", "lib/engine/*.test.ts"],
  checks: ["lib/engine/checks/**/*.test.ts", "lib/engine/*.test.ts"],
};
const include = SCOPES[process.env.MUTATION_TESTS ?? ""] ?? ["lib/engine/**/*.test.ts"];

export default defineConfig({
  resolve: { alias },
  test: {
    include,
    exclude: ["**/*.int.test.ts", "node_modules/**", ...SLOW_FILES],
    testNamePattern: new RegExp(`^(?!.*(?:${SLOW_TESTS.map(escape).join("|")}))`),
    environment: "node",
    testTimeout: 30_000,
  },
});
