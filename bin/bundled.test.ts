// Which program runs: a bundle in dist/ only while it is newer than every source it was built from, so
// an edited server or CLI never runs from a stale bundle.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { bundleIsFresh } from "./bundled.mjs";

let dir: string;
let root: URL;
const at = (file: string, seconds: number) => {
  const full = path.join(dir, file);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, "x");
  utimesSync(full, seconds, seconds);
};

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "kubeready-bundled-"));
  root = pathToFileURL(dir + path.sep);
  at("lib/a.ts", 1_000);
  at("scripts/start.ts", 1_000);
  at("dist/start.mjs", 2_000);
  writeFileSync(path.join(dir, "dist/start.inputs.json"), JSON.stringify(["lib/a.ts", "scripts/start.ts"]));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("bundleIsFresh", () => {
  it("is fresh while the bundle is newer than every source, or as new", () => {
    expect(bundleIsFresh("start", root)).toBe(true);
    at("lib/a.ts", 2_000);
    expect(bundleIsFresh("start", root)).toBe(true);
  });

  it("is stale once one source is newer than the bundle", () => {
    at("lib/a.ts", 2_001);
    expect(bundleIsFresh("start", root)).toBe(false);
  });

  it("is stale when a listed source is gone, or the bundle, or its list", () => {
    rmSync(path.join(dir, "lib/a.ts"));
    expect(bundleIsFresh("start", root)).toBe(false);
    at("lib/a.ts", 1_000);
    rmSync(path.join(dir, "dist/start.inputs.json"));
    expect(bundleIsFresh("start", root)).toBe(false);
    writeFileSync(path.join(dir, "dist/start.inputs.json"), "[]");
    expect(bundleIsFresh("start", root)).toBe(true);
    rmSync(path.join(dir, "dist/start.mjs"));
    expect(bundleIsFresh("start", root)).toBe(false);
  });

  it("is stale when the list is damaged", () => {
    writeFileSync(path.join(dir, "dist/start.inputs.json"), "{not json");
    expect(bundleIsFresh("start", root)).toBe(false);
  });

  it("judges each bundle by its own list", () => {
    at("dist/worker.mjs", 500);
    writeFileSync(path.join(dir, "dist/worker.inputs.json"), JSON.stringify(["lib/a.ts"]));
    expect(bundleIsFresh("worker", root)).toBe(false);
    expect(bundleIsFresh("start", root)).toBe(true);
  });
});
