import {
  commandLine,
  envValues,
  formatBytes,
  parseQuantity,
  perContainer,
  regularContainers,
  resources,
} from "../helpers";
import type { Check } from "../types";

const GiB = 2 ** 30;
const UNIT: Record<string, number> = { "": 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 };
const XMX = /(?:^|\s|")-Xmx(\d+)([kKmMgGtT]?)(?=\s|"|$)/;

/** Largest -Xmx found in the container's command, args or environment, in bytes. */
export function maxHeapBytes(texts: readonly string[]): number | undefined {
  let best: number | undefined;
  for (const t of texts) {
    const m = XMX.exec(t);
    if (!m) continue;
    const bytes = Number(m[1]) * (UNIT[(m[2] ?? "").toLowerCase()] ?? 1);
    if (best === undefined || bytes > best) best = bytes;
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
    "Teams running Java on Kubernetes report stable pods once the limit is about 1 GiB above the maximum heap.",
  remediation:
    "Set resources.limits.memory to at least -Xmx + 1 GiB, or drop -Xmx and size the heap with " +
    "-XX:MaxRAMPercentage (≤ 75) so it follows the limit.",
  references: ["https://docs.oracle.com/en/java/javase/17/docs/specs/man/java.html"],
  evaluate: (ctx) =>
    perContainer(ctx, regularContainers, (_w, c) => {
      const heap = maxHeapBytes([...commandLine(c), ...envValues(c).map((e) => e.value)]);
      if (heap === undefined) return { skip: "no -Xmx setting found" };
      const limit = parseQuantity(resources(c, "limits").memory);
      if (limit === undefined) return { skip: "no memory limit (see resource-limits)" };
      const needed = heap + GiB;
      return limit >= needed
        ? { pass: `memory limit ${formatBytes(limit)} ≥ -Xmx ${formatBytes(heap)} + 1Gi` }
        : {
            fail: `memory limit ${formatBytes(limit)} leaves ${formatBytes(Math.max(0, limit - heap))} above -Xmx ${formatBytes(heap)}; needs ≥ ${formatBytes(needed)}`,
            field: "resources.limits.memory",
          };
    }),
};
