import { describe, expect, it } from "vitest";
import { describeImport } from "./checklist-import";

const file = { slug: "prod", name: "Production", items: [1, 2, 3] };

describe("describeImport", () => {
  it("a new slug makes a new checklist", () => {
    expect(describeImport(file, [{ slug: "other", name: "Other", versions: [] }])).toBe(
      "Creates a new checklist “Production” (prod) with 3 items, as draft v1.",
    );
  });

  it("an existing slug without a draft gets the next draft", () => {
    const existing = [
      { slug: "prod", name: "Production", versions: [{ number: 2, status: "published" as const }] },
    ];
    expect(describeImport(file, existing)).toBe(
      "The checklist “Production” already has the slug prod: the file becomes its draft v3 with 3 items. Published versions stay as they are.",
    );
  });

  it("an existing draft is replaced, and a new name is said", () => {
    const existing = [
      {
        slug: "prod",
        name: "Prod (old name)",
        versions: [
          { number: 4, status: "draft" as const },
          { number: 3, status: "published" as const },
        ],
      },
    ];
    expect(describeImport({ ...file, items: [1] }, existing)).toBe(
      "The checklist “Prod (old name)” already has the slug prod: the file's 1 item replaces everything in its draft v4. Published versions stay as they are. It is renamed to “Production”.",
    );
  });
});
