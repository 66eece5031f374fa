// Types of scripts/build-standalone.mjs for the TypeScript that imports it (deploy/kubernetes.test.ts).
export declare const ENTRIES: Readonly<Record<"scripts/start.ts" | "scripts/container-worker.ts", string>>;
export declare const EXTERNAL: readonly string[];
export declare const RUNTIME_FILES: readonly string[];
export declare function buildStandalone(options?: { skipNextBuild?: boolean }): Promise<string>;
