// `npm run build:cli` (also run by postinstall): bundles the CLI, the analysis worker and the server's analysis process into
// single ES modules under dist/, so neither compiles TypeScript when it starts (tsx takes ~0.5 s of a
// CLI run and of each worker thread's first task). Beside each bundle, `<name>.inputs.json` lists the
// repository files it was built from: bin/kubeready.mjs and lib/server/analysis-pool.ts use a bundle
// only while none of them is newer than it, so an edited engine is never run from a stale bundle.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The bundles: entry (repository-relative) → output file name in the output directory. */
export const BUNDLES = {
  "lib/cli/run.ts": "kubeready.mjs",
  "lib/engine/worker/analysis-worker.ts": "analysis-worker.mjs",
  "lib/engine/worker/analysis-process.ts": "analysis-process.mjs",
  // The report's PDF writer, on a thread of the server (lib/report/pdf-thread.ts).
  "lib/report/pdf-worker.ts": "pdf-worker.mjs",
  // Per-object results for check, object and explorer pages, on a thread of the server (lib/server/results-thread.ts).
  "lib/engine/worker/results-worker.ts": "results-worker.mjs",
};

/**
 * The server's entry points (`npm start`, `npm run worker`; scripts/launch.mjs runs them): their own
 * modules bundled, every package loaded from node_modules as it is (Next above all, which finds its
 * files beside its own module). Without tsx's loader, the server saves its hooks thread and compile
 * cache: about 40 MB of resident memory, and TypeScript is never compiled at run time.
 */
export const SERVER_BUNDLES = {
  "scripts/start.ts": "start.mjs",
  "scripts/worker.ts": "worker.mjs",
};

const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
// "server-only" is inlined (resolved as the server resolves it, to an empty module): loaded from
// node_modules without the react-server condition, it would throw.
const serverExternal = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })
  .filter((name) => name !== "server-only")
  .flatMap((name) => [name, `${name}/*`]);

// CommonJS dependencies (yaml) require Node built-ins; an ES module has no `require` of its own.
const banner = `import { createRequire as __kubereadyCreateRequire } from "node:module";
const require = __kubereadyCreateRequire(import.meta.url);`;

export async function buildBundles(outDir = path.join(root, "dist")) {
  mkdirSync(outDir, { recursive: true });
  const all = [
    ...Object.entries(BUNDLES).map(([entry, outName]) => ({ entry, outName, server: false })),
    ...Object.entries(SERVER_BUNDLES).map(([entry, outName]) => ({ entry, outName, server: true })),
  ];
  await Promise.all(
    all.map(async ({ entry, outName, server }) => {
      const result = await build({
        absWorkingDir: root,
        entryPoints: [entry],
        outfile: path.join(outDir, outName),
        bundle: true,
        platform: "node",
        target: "node20",
        format: "esm",
        banner: { js: banner },
        metafile: true,
        logLevel: "warning",
        ...(server ? { external: serverExternal, conditions: ["react-server"] } : {}),
      });
      const inputs = Object.keys(result.metafile.inputs)
        .filter((p) => !p.startsWith("node_modules/"))
        .sort();
      writeFileSync(
        path.join(outDir, outName.replace(/\.mjs$/, ".inputs.json")),
        JSON.stringify(inputs) + "\n",
      );
    }),
  );
  return outDir;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = await buildBundles(process.argv[2] ? path.resolve(process.argv[2]) : undefined);
  console.log(
    `kubeready: bundled ${[...Object.values(BUNDLES), ...Object.values(SERVER_BUNDLES)].join(", ")} into ${path.relative(root, out) || "."}`,
  );
}
