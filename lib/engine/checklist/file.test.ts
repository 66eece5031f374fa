import { describe, expect, it } from "vitest";
import { defaultChecklist } from "./default";
import { parseChecklistFile, serializeChecklistFile } from "./file";
import { checklistParams } from "./params";

describe("checklist files", () => {
  it("round-trips the default checklist through YAML and JSON unchanged", () => {
    const file = defaultChecklist();
    for (const format of ["yaml", "json"] as const) {
      const text = serializeChecklistFile(file, format);
      const parsed = parseChecklistFile(text);
      expect(parsed.ok).toBe(true);
      if (parsed.ok) {
        expect(parsed.file).toEqual(file);
        expect(serializeChecklistFile(parsed.file, format)).toBe(text);
      }
    }
  });

  it("locates syntax errors", () => {
    const r = parseChecklistFile("kubereadyChecklist: 1\nitems: [\n  - a\n");
    expect(r).toMatchObject({ ok: false });
    if (!r.ok) expect(r.message).toMatch(/line \d+, column \d+/);
  });

  it("names the path of each invalid field", () => {
    const file = defaultChecklist();
    const broken = {
      ...file,
      items: [
        { ...file.items[0], severity: "catastrophic" },
        { ...file.items[1], key: file.items[0]!.key },
      ],
    };
    const r = parseChecklistFile(JSON.stringify(broken));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.map((e) => e.path)).toEqual(
        expect.arrayContaining(["items.0.severity", "items.1.key"]),
      );
      expect(r.errors.find((e) => e.path === "items.1.key")?.message).toContain("Duplicate");
      expect(r.message).toContain("items.0.severity");
    }
  });

  it("rejects files that are not checklists, and empty files", () => {
    expect(parseChecklistFile("apiVersion: v1\nkind: Pod\n")).toMatchObject({ ok: false });
    expect(parseChecklistFile("   ")).toMatchObject({ ok: false, message: "The file is empty." });
  });

  it("gives the default checklist every check plus manual items from the reports", () => {
    const file = defaultChecklist();
    const manual = file.items.filter((i) => i.kind === "manual");
    expect(manual.length).toBeGreaterThanOrEqual(16);
    expect(new Set(file.items.map((i) => i.key)).size).toBe(file.items.length);
    expect(manual.map((m) => m.key)).toEqual(
      expect.arrayContaining([
        "dr-plan-tested",
        "certificate-inventory",
        "secrets-backed-up",
        "upgrade-cadence",
      ]),
    );
  });
});

describe("check parameters on checklist items", () => {
  const withParams = (params: Record<string, unknown>) => {
    const file = defaultChecklist();
    const items = file.items.map((i) =>
      i.kind === "automated" && i.checkId === "single-replica" ? { ...i, params } : i,
    );
    return { ...file, items };
  };

  it("keeps an item's params through export and import, and gives them to the analysis", () => {
    const file = withParams({ minReplicas: 3 });
    const text = serializeChecklistFile(file, "yaml");
    expect(text).toContain("params:\n      minReplicas: 3");
    const parsed = parseChecklistFile(text);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.file).toEqual(file);
      expect(checklistParams(parsed.file.items)).toEqual({ "single-replica": { minReplicas: 3 } });
    }
  });

  it("rejects an unknown parameter and a bad value, each at its path", () => {
    const r = parseChecklistFile(JSON.stringify(withParams({ minReplicas: "three", replicas: 3 })));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const index = defaultChecklist().items.findIndex(
      (i) => i.kind === "automated" && i.checkId === "single-replica",
    );
    expect(r.errors.map((e) => e.path)).toEqual([
      `items.${index}.params.minReplicas`,
      `items.${index}.params.replicas`,
    ]);
    expect(r.message).toContain(`items.${index}.params.minReplicas`);
    expect(r.errors[1]?.message).toBe("unknown parameter of single-replica (known: minReplicas)");
  });
});
