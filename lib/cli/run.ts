// The CLI as a program: what bin/kubeready.mjs runs, and the entry of the bundle dist/kubeready.mjs.
import { setFlagsFromString } from "node:v8";
import { main } from "./main";

// One run whose heap is mostly live data (the parsed snapshot, then its results): with V8's default
// growth, the old generation's limit trails the snapshot as it loads, and the full collections that
// follow find almost nothing to free (the last one, 200 MB of live heap for the bench's 120 MB list,
// paused the main thread 180–270 ms). Growing the limit tenfold after each full collection leaves one
// early, small one (~100 MB, 60–80 ms) and costs ~15 MB of peak RSS. V8 reads this flag each time it
// sets the limit, so setting it here, before the input is read, is enough; set in the program only, not
// where lib/cli/main is imported (tests, the server).
setFlagsFromString("--heap-growing-percent=900");

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
