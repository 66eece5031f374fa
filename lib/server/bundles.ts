// The server's threads and processes run bundles from dist/ (`npm run build:cli` writes them, with
// `<name>.inputs.json` listing the repository files each was built from) while a bundle is newer than
// every one of its sources, else the TypeScript itself through tsx: an edited engine never runs from a
// stale bundle, and a checkout without dist/ still works.
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { Worker as WorkerType } from "node:worker_threads";

/** dist/<name>.mjs, or undefined when it is missing or older than one of its sources. */
export function freshBundle(root: string, name: string): string | undefined {
  const bundle = path.join(root, `dist/${name}.mjs`);
  try {
    const built = statSync(bundle).mtimeMs;
    const inputs = JSON.parse(readFileSync(path.join(root, `dist/${name}.inputs.json`), "utf8")) as string[];
    const fresh = inputs.every(
      (p) => (statSync(path.join(root, p), { throwIfNoEntry: false })?.mtimeMs ?? Infinity) <= built,
    );
    return fresh ? bundle : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A worker thread running dist/<name>.mjs, or `source` (repository-relative TypeScript) through tsx's
 * loader hooks registered inside the thread (as bin/kubeready.mjs does: the package is CommonJS, so both
 * hooks), since a worker ignores `--import tsx` in its execArgv on Node 20.
 */
export function startThread(name: string, source: string): WorkerType {
  // Taken at run time: Next's bundler would otherwise try to resolve (and bundle) the worker's file itself.
  const { Worker } = process.getBuiltinModule("node:worker_threads");
  const root = process.cwd();
  const bundled = freshBundle(root, name);
  if (bundled) return new Worker(bundled);
  return new Worker(
    `(async () => {
      const [{ register }, { register: registerCjs }] = await Promise.all([import("tsx/esm/api"), import("tsx/cjs/api")]);
      register();
      registerCjs();
      await import(require("node:url").pathToFileURL(${JSON.stringify(path.join(root, source))}).href);
    })();`,
    { eval: true },
  );
}
