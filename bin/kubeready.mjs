#!/usr/bin/env node
// Entry point of the kubeready CLI. It runs dist/kubeready.mjs, the bundle `npm run build:cli` makes
// (postinstall runs it), so no TypeScript is compiled at run time. In a checkout whose sources are newer
// than the bundle (or with no bundle) it runs the TypeScript through tsx instead, so an edited engine is
// never run from a stale bundle. The package is CommonJS, so tsx compiles the .ts modules to CommonJS:
// both hooks are needed.
import { readFileSync, statSync } from "node:fs";

const root = new URL("../", import.meta.url);
const bundle = new URL("dist/kubeready.mjs", root);

function bundleIsFresh() {
  try {
    const built = statSync(bundle).mtimeMs;
    const inputs = JSON.parse(readFileSync(new URL("dist/kubeready.inputs.json", root), "utf8"));
    return inputs.every((p) => statSync(new URL(p, root), { throwIfNoEntry: false })?.mtimeMs <= built);
  } catch {
    return false;
  }
}

if (bundleIsFresh()) {
  await import(bundle.href);
} else {
  const [{ register }, { register: registerCjs }] = await Promise.all([
    import("tsx/esm/api"),
    import("tsx/cjs/api"),
  ]);
  register();
  registerCjs();
  await import("../lib/cli/run.ts");
}
