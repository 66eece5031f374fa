// `npm start` (`node scripts/launch.mjs start`) and `npm run worker` (`… launch.mjs worker`): run the
// server's entry point from its bundle, dist/<name>.mjs, so no TypeScript is compiled at run time and no
// loader thread sits in the server (tsx's held about 110 MB of the idle server's memory), or from the
// TypeScript through tsx when a source is newer than the bundle (bin/bundled.mjs).
import { runBundled } from "../bin/bundled.mjs";

const ENTRIES = { start: "scripts/start.ts", worker: "scripts/worker.ts" };
const name = process.argv[2];
const source = ENTRIES[name];
if (!source) {
  process.stderr.write(`usage: node scripts/launch.mjs ${Object.keys(ENTRIES).join("|")}\n`);
  process.exit(2);
}
// The entry point reads its own arguments as if it had been started directly.
process.argv.splice(2, 1);
await runBundled(name, source);
