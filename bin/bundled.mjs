// Runs one of the bundles `npm run build:cli` writes into dist/ (postinstall runs it), so no TypeScript
// is compiled at run time: the CLI (bin/kubeready.mjs) and the server's entry points
// (scripts/launch.mjs). In a checkout whose sources are newer than the bundle (or with no bundle) the
// TypeScript runs through tsx instead, so an edited program never runs from a stale bundle. The package
// is CommonJS, so tsx compiles the .ts modules to CommonJS: both hooks are needed.
import { readFileSync, statSync } from "node:fs";

const repository = new URL("../", import.meta.url);

/**
 * Whether dist/<name>.mjs is newer than every repository file it was built from (a missing bundle, list
 * or source: not fresh). `root` is a file: URL ending in a slash.
 */
export function bundleIsFresh(name, root = repository) {
  try {
    const built = statSync(new URL(`dist/${name}.mjs`, root)).mtimeMs;
    const inputs = JSON.parse(readFileSync(new URL(`dist/${name}.inputs.json`, root), "utf8"));
    return inputs.every((p) => statSync(new URL(p, root), { throwIfNoEntry: false })?.mtimeMs <= built);
  } catch {
    return false;
  }
}

/** Runs dist/<name>.mjs while it is fresh, else `source` (repository-relative TypeScript) through tsx. */
export async function runBundled(name, source) {
  if (bundleIsFresh(name)) {
    await import(new URL(`dist/${name}.mjs`, repository).href);
    return;
  }
  const [{ register }, { register: registerCjs }] = await Promise.all([
    import("tsx/esm/api"),
    import("tsx/cjs/api"),
  ]);
  register();
  registerCjs();
  await import(new URL(source, repository).href);
}
