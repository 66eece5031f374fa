// The built app for multi-process integration tests: built once per test run, on first use, in the
// directory the integration project's global setup names (lib/testing/app-build.global.ts).
import { inject } from "vitest";
import { buildAppCopy } from "./app-processes";

export function builtApp(): string {
  const dir = inject("appBuildDir");
  buildAppCopy(process.cwd(), dir);
  return dir;
}
