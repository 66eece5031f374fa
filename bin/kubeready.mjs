#!/usr/bin/env node
// Entry point of the kubeready CLI: registers tsx so the TypeScript engine runs without a build step.
// The package is CommonJS, so tsx compiles the .ts modules to CommonJS: both hooks are needed, and the
// named export may arrive on `default` depending on how Node's CJS interop detects it.
import { register as registerCjs } from "tsx/cjs/api";
import { register } from "tsx/esm/api";

register();
registerCjs();
const mod = await import("../lib/cli/main.ts");
const main = mod.main ?? mod.default?.main;
process.exitCode = await main(process.argv.slice(2));
