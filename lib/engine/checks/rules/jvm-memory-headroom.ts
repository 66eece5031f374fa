import {
  commandAndEnvValues,
  formatBytes,
  parseQuantity,
  perContainer,
  regularContainers,
  resources,
  someCommandOrEnvValue,
} from "../helpers";
import type { Check } from "../types";

const GiB = 2 ** 30;
const UNIT: Record<string, number> = { "": 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 };
const XMX = /(?:^|\s|"|=)-(?:Xmx|XX:MaxHeapSize=)(\d+)([kKmMgGtT]?)(?=\s|"|$)/g;
const PERCENT = /-XX:MaxRAMPercentage=(\d+(?:\.\d+)?)/g;
const FRACTION = /-XX:MaxRAMFraction=(\d+)/g;
export const MAX_HEAP_PERCENT = 75;
const NO_JVM_OPTIONS = { skip: "no -Xmx or -XX:MaxRAMPercentage found" };

const mentionsJvmOption = (text: string) => text.includes("-X");

/** Largest -Xmx found in the container's command, args or environment, in bytes. */
export function maxHeapBytes(texts: readonly string[]): number | undefined {
  let best: number | undefined;
  for (const t of texts) {
    for (const m of t.matchAll(XMX)) {
      const bytes = Number(m[1]) * (UNIT[(m[2] ?? "").toLowerCase()] ?? 1);
      if (best === undefined || bytes > best) best = bytes;
    }
  }
  return best;
}

/** Largest heap share of the container limit set by -XX:MaxRAMPercentage (or MaxRAMFraction), in percent. */
export function maxHeapPercent(texts: readonly string[]): number | undefined {
  let best: number | undefined;
  for (const t of texts) {
    for (const m of t.matchAll(PERCENT)) best = Math.max(best ?? 0, Number(m[1]));
    for (const m of t.matchAll(FRACTION))
      if (Number(m[1]) > 0) best = Math.max(best ?? 0, 100 / Number(m[1]));
  }
  return best;
}

export const jvmMemoryHeadroom: Check = {
  id: "jvm-memory-headroom",
  title: "JVM containers leave memory headroom above -Xmx",
  category: "reliability",
  severity: "high",
  rationale:
    "A JVM uses memory beyond its heap (metaspace, thread stacks, code cache, direct buffers, GC). A memory " +
    "limit at or just above -Xmx gets the container OOM-killed under load even though the heap is fine. " +
    "Teams running Java on Kubernetes report stable pods once the limit is about 1 GiB above the maximum heap. " +
    "-Xmx and -XX:MaxHeapSize/MaxRAMPercentage are read from command, args and every env value (JAVA_OPTS, " +
    "JAVA_TOOL_OPTIONS, …); a MaxRAMPercentage above 75 fails.",
  remediation:
    "Set resources.limits.memory to at least -Xmx + 1 GiB, or drop -Xmx and size the heap with " +
    "-XX:MaxRAMPercentage (≤ 75) so it follows the limit.",
  references: ["https://docs.oracle.com/en/java/javase/17/docs/specs/man/java.html"],
  evaluate: (ctx) =>
    perContainer(ctx, regularContainers, (_w, c) => {
      if (!someCommandOrEnvValue(c, mentionsJvmOption)) return NO_JVM_OPTIONS;
      const texts = commandAndEnvValues(c);
      const heap = maxHeapBytes(texts);
      const percent = heap === undefined ? maxHeapPercent(texts) : undefined;
      if (heap === undefined && percent === undefined) return NO_JVM_OPTIONS;
      const limit = parseQuantity(resources(c, "limits").memory);
      if (limit === undefined) return { skip: "no memory limit (see resource-limits)" };
      if (heap === undefined) {
        const p = percent ?? 0;
        return p <= MAX_HEAP_PERCENT
          ? {
              pass: `MaxRAMPercentage ${p}% leaves ${formatBytes((limit * (100 - p)) / 100)} of ${formatBytes(limit)}`,
            }
          : {
              fail: `MaxRAMPercentage ${p}% leaves only ${formatBytes((limit * (100 - p)) / 100)} of the ${formatBytes(limit)} limit outside the heap; keep it ≤ ${MAX_HEAP_PERCENT}%`,
              field: "resources.limits.memory",
            };
      }
      const needed = heap + GiB;
      return limit >= needed
        ? { pass: `memory limit ${formatBytes(limit)} ≥ -Xmx ${formatBytes(heap)} + 1Gi` }
        : {
            fail: `memory limit ${formatBytes(limit)} leaves ${formatBytes(Math.max(0, limit - heap))} above -Xmx ${formatBytes(heap)}; needs ≥ ${formatBytes(needed)}`,
            field: "resources.limits.memory",
          };
    }),
};
