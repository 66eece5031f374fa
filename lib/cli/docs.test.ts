import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkCatalogue } from "../engine";
import { CHECKS_DOC, renderChecksDoc } from "./docs";

describe("docs/checks.md", () => {
  it("is generated from the current registry (run `npx tsx scripts/gen-check-docs.ts` if this fails)", async () => {
    expect(readFileSync(CHECKS_DOC, "utf8")).toBe(await renderChecksDoc());
  });

  it("documents every check", () => {
    const current = readFileSync(CHECKS_DOC, "utf8");
    for (const c of checkCatalogue()) expect(current).toContain(`### ${c.id}\n`);
  });
});
