// Writes docs/checks.md from the check registry (the same source as `kubeready checks --format markdown`).
// Usage: tsx scripts/gen-check-docs.ts [--check]   (--check exits 1 when the file is stale)
import { readFileSync, writeFileSync } from "node:fs";
import { CHECKS_DOC, renderChecksDoc } from "../lib/cli/docs";

async function main(): Promise<void> {
  const expected = await renderChecksDoc();
  if (process.argv.includes("--check")) {
    let current = "";
    try {
      current = readFileSync(CHECKS_DOC, "utf8");
    } catch {
      // a missing file is stale too
    }
    if (current !== expected) {
      console.error("docs/checks.md is stale: run `npx tsx scripts/gen-check-docs.ts`");
      process.exitCode = 1;
      return;
    }
    console.log("docs/checks.md is up to date");
    return;
  }
  writeFileSync(CHECKS_DOC, expected);
  console.log(`wrote ${CHECKS_DOC}`);
}

void main();
