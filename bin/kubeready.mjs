#!/usr/bin/env node
// Entry point of the kubeready CLI: dist/kubeready.mjs, or lib/cli/run.ts through tsx when a source is
// newer than that bundle (bin/bundled.mjs).
import { runBundled } from "./bundled.mjs";

await runBundled("kubeready", "lib/cli/run.ts");
