// The CLI as a program: what bin/kubeready.mjs runs, and the entry of the bundle dist/kubeready.mjs.
import { main } from "./main";

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
