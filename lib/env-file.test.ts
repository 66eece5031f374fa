// DATABASE_URL_FILE: the Kubernetes manifests mount the database Secret as a file rather than an env var.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { withFileSecrets } from "./env";

describe("DATABASE_URL_FILE", () => {
  const dir = mkdtempSync(join(tmpdir(), "kubeready-env-"));
  const file = join(dir, "DATABASE_URL");
  writeFileSync(file, "postgresql://kubeready:pw@db:5432/kubeready\n");

  it("reads DATABASE_URL from the file, without its trailing newline", () => {
    expect(withFileSecrets({ DATABASE_URL_FILE: file }).DATABASE_URL).toBe(
      "postgresql://kubeready:pw@db:5432/kubeready",
    );
  });

  it("leaves an explicit DATABASE_URL alone", () => {
    expect(
      withFileSecrets({ DATABASE_URL_FILE: file, DATABASE_URL: "postgresql://x@y/z" }).DATABASE_URL,
    ).toBe("postgresql://x@y/z");
  });

  it("names the variable and the file when the file cannot be read", () => {
    expect(() => withFileSecrets({ DATABASE_URL_FILE: join(dir, "missing") })).toThrow(
      /DATABASE_URL_FILE: cannot read .*missing/,
    );
  });
});
