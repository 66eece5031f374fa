// The README's claims about the checks and the collector, held to the code so they stay true.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkCatalogue } from "../engine";

const readme = readFileSync("README.md", "utf8");
const collector = readFileSync("public/kubeready-collect.sh", "utf8");

/** The `kinds="…"` list the collector loops over with `kubectl get <kind> -A -o json`. */
function collectorKinds(): string[] {
  const list = /^kinds="([^"]+)"/m.exec(collector)?.[1];
  if (!list) throw new Error('public/kubeready-collect.sh has no kinds="…" list');
  return list.split(/\s+/).filter(Boolean);
}

describe("README", () => {
  it("gives the number of checks as about what the catalogue holds", () => {
    const stated = [...readme.matchAll(/\b(\d+) automated checks/g)];
    expect(stated.length).toBeGreaterThan(0);
    for (const [phrase, n] of stated) {
      expect(readme).toContain(`about ${phrase}`);
      expect(Math.abs(Number(n) - checkCatalogue().length), phrase).toBeLessThanOrEqual(10);
    }
  });

  it("its kubectl line reads exactly the kinds the collector reads, Secrets included", () => {
    const line = /kubectl get (\S+) -A -o json > cluster\.json/.exec(readme)?.[1];
    expect(line, "the kubectl get … > cluster.json line").toBeDefined();
    const kinds = collectorKinds();
    // The collector reads Secrets apart (to keep only their public certificates).
    expect(collector).toMatch(/kubectl get secrets --all-namespaces -o json/);
    expect(line!.split(",").sort()).toEqual([...kinds, "secrets"].sort());
  });

  it("counts the collector's kinds right", () => {
    expect(readme).toContain(`the ${collectorKinds().length} resource kinds the checks use`);
  });
});
