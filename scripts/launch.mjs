// `npm start` (`node scripts/launch.mjs start`) and `npm run worker` (`… launch.mjs worker`): run the
// server's entry point from its bundle, dist/<name>.mjs (`npm run build:cli`, run by postinstall), so
// no TypeScript is compiled at run time and no loader thread sits in the server. In a checkout whose
// sources are newer than the bundle (or with no bundle) the TypeScript runs through tsx instead, so an
// edited server never runs from a stale bundle. The package is CommonJS: both of tsx's hooks are needed.
import { readFileSync, statSync } from "node:fs";

const ENTRIES = { start: "scripts/start.ts", worker: "scripts/worker.ts" };
const name = process.argv[2];
const source = ENTRIES[name];
if (!source) {
  process.stderr.write(`usage: node scripts/launch.mjs ${Object.keys(ENTRIES).join("|")}\n`);
  process.exit(2);
}
// The entry point reads its own arguments as if it had been started directly.
process.argv.splice(2, 1);

const root = new URL("../", import.meta.url);
const bundle = new URL(`dist/${name}.mjs`, root);

function bundleIsFresh() {
  try {
    const built = statSync(bundle).mtimeMs;
    const inputs = JSON.parse(readFileSync(new URL(`dist/${name}.inputs.json`, root), "utf8"));
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
  await import(new URL(source, root).href);
}
