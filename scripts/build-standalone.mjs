// `npm run build:standalone` (the Dockerfile runs it): a self-contained server in .next/standalone that
// needs neither the sources nor the full node_modules, so the container image holds only what runs.
//
// Next's standalone output gives the traced node_modules and its own server.js. We do not run that
// server.js: `npm start` (scripts/start.ts) serves through node:http so every request carries the
// socket's peer address for throttling, and the job worker (scripts/worker.ts) is not part of the Next
// build at all. So both scripts are bundled here with esbuild into .next/standalone/kubeready/, with
// everything they use inlined except the few packages listed in EXTERNAL.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const standalone = path.join(root, ".next/standalone");

/** Entry points in the standalone directory (the Dockerfile, compose.yaml and manifests run these). */
export const ENTRIES = {
  "scripts/start.ts": "kubeready/start.mjs",
  // `npm run worker` plus the probe endpoints (port 3001) a container orchestrator asks.
  "scripts/container-worker.ts": "kubeready/worker.mjs",
};

/**
 * Packages the bundles load from node_modules instead of inlining: Next itself (the server is Next's),
 * and what cannot be bundled: PGlite finds its wasm and data files beside its own module, argon2 is a
 * native addon. Next's tracing copies only the files its
 * server uses (CommonJS entries, not the ES module ones our bundles import), so these are copied whole.
 */
export const EXTERNAL = ["next", "@electric-sql/pglite", "@node-rs/argon2"];
const COPIED_WHOLE = EXTERNAL.filter((name) => name !== "next");

/** Files loaded by path at run time (worker threads, fonts), which neither Next nor esbuild can trace. */
export const RUNTIME_FILES = [
  "lib/db/pglite-server.mjs",
  // The PDF report's fonts (lib/report/pdf.ts reads them from the working directory).
  "node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf",
  "node_modules/dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf",
];

// Run first in each bundle, as Next's own standalone server.js does: work from the standalone root
// (migrations, the analysis worker and .next are found from the working directory), and hand Next the
// build's configuration, which it reads from this variable when next.config.js is absent (without it a
// custom server runs with the defaults).
const banner = `import { createRequire as __kubereadyCreateRequire } from "node:module";
import { readFileSync as __kubereadyReadFileSync } from "node:fs";
import { fileURLToPath as __kubereadyFileURLToPath } from "node:url";
const require = __kubereadyCreateRequire(import.meta.url);
process.chdir(__kubereadyFileURLToPath(new URL("..", import.meta.url)));
process.env.NODE_ENV = "production";
process.env.__NEXT_PRIVATE_STANDALONE_CONFIG ??= JSON.stringify(
  JSON.parse(__kubereadyReadFileSync(".next/required-server-files.json", "utf8")).config,
);`;

export async function buildStandalone({ skipNextBuild = false } = {}) {
  if (!skipNextBuild) {
    const next = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, KUBEREADY_STANDALONE: "1", NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (next.status !== 0) throw new Error(`next build failed (exit ${next.status})`);
  }
  if (!existsSync(path.join(standalone, "server.js"))) {
    throw new Error(".next/standalone is missing: next build must run with KUBEREADY_STANDALONE=1");
  }
  // Next leaves static assets and public/ for the deployer to copy (a CDN may serve them instead).
  cpSync(path.join(root, ".next/static"), path.join(standalone, ".next/static"), { recursive: true });
  cpSync(path.join(root, "public"), path.join(standalone, "public"), { recursive: true });

  for (const name of COPIED_WHOLE) {
    cpSync(path.join(root, "node_modules", name), path.join(standalone, "node_modules", name), {
      recursive: true,
      dereference: true,
    });
  }
  for (const file of RUNTIME_FILES) {
    cpSync(path.join(root, file), path.join(standalone, file));
  }
  const external = EXTERNAL.flatMap((n) => [n, `${n}/*`]);
  await build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(
      Object.entries(ENTRIES).map(([entry, out]) => [out.replace(/\.mjs$/, ""), entry]),
    ),
    outdir: standalone,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    // The worker loads the data layer, whose modules import "server-only": resolve it as the server does.
    conditions: ["react-server"],
    external,
    banner: { js: banner },
    logLevel: "warning",
  });

  // Uploads and re-analyses run in a process forked from dist/analysis-process.mjs
  // (lib/server/analysis-pool.ts), used only while none of the sources it lists is newer; the image
  // holds no sources, so the bundle is the engine. Forked by a path built at run time, which Next's
  // tracing cannot follow: copied here.
  // The PDF report's thread (lib/report/pdf-thread.ts) and the results thread (lib/server/results-thread.ts)
  // likewise run dist/pdf-worker.mjs and dist/results-worker.mjs.
  mkdirSync(path.join(standalone, "dist"), { recursive: true });
  for (const name of ["analysis-process", "pdf-worker", "results-worker"]) {
    const bundle = path.join(root, `dist/${name}.mjs`);
    if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run npm run build:cli before building`);
    cpSync(bundle, path.join(standalone, `dist/${name}.mjs`));
    writeFileSync(path.join(standalone, `dist/${name}.inputs.json`), "[]\n");
  }
  return standalone;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = await buildStandalone({ skipNextBuild: process.argv.includes("--skip-next-build") });
  console.log(
    `kubeready: standalone server in ${path.relative(root, out)} (${Object.values(ENTRIES).join(", ")})`,
  );
}
