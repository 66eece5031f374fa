// Global setup of the integration project: names one directory for a built copy of the app, shared by
// every multi-process test file of the run (lib/testing/app-build.ts builds it on first use, so a run
// without such a file builds nothing) and removed when the run ends. QUEUE_TEST_APP_DIR names an
// already built copy to use instead (kept).
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    appBuildDir: string;
  }
}

export default function setup(project: TestProject) {
  const given = process.env.QUEUE_TEST_APP_DIR;
  const dir = given ?? path.join(tmpdir(), `kubeready-app-${randomBytes(4).toString("hex")}`);
  project.provide("appBuildDir", dir);
  return () => {
    if (!given) rmSync(dir, { recursive: true, force: true });
  };
}
