// The Node built-ins the loader uses where it has them (the server, its worker threads, the CLI). They are
// taken through process.getBuiltinModule (Node ≥ 20.16) rather than imported, so that the same modules also
// bundle for the browser, where components/snapshots/redact.worker.ts parses and redacts before anything is
// uploaded. Each caller keeps its Node code path unchanged and has a portable fallback for when these are
// undefined (the browser).
const node = (globalThis as { process?: Partial<Pick<NodeJS.Process, "getBuiltinModule" | "versions">> })
  .process;

if (node?.versions?.node !== undefined && node.getBuiltinModule === undefined) {
  throw new Error(`Kubeready needs Node 20.16 or later (this is ${node.versions.node})`);
}

export const nodeBuffer = node?.getBuiltinModule?.("node:buffer");
export const nodeZlib = node?.getBuiltinModule?.("node:zlib");
export const nodeCrypto = node?.getBuiltinModule?.("node:crypto");
