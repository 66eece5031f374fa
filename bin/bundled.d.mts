// Types of bin/bundled.mjs (plain JavaScript, so that it runs before anything is compiled).
export function bundleIsFresh(name: string, root?: URL): boolean;
export function runBundled(name: string, source: string): Promise<void>;
