import { z } from "zod";
import {
  commandAndEnvValues,
  formatBytes,
  parseQuantity,
  resources,
  someCommandOrEnvValue,
} from "../helpers";
import { defineCheck, param } from "../define";

const MiB = 2 ** 20;
const UNIT: Record<string, number> = { "": 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 };
const XMX = /(?:^|\s|"|=)-(?:Xmx|XX:MaxHeapSize=)(\d+)([kKmMgGtT]?)(?=\s|"|$)/g;
const PERCENT = /-XX:MaxRAMPercentage=(\d+(?:\.\d+)?)/g;
const FRACTION = /-XX:MaxRAMFraction=(\d+)/g;
export const MAX_HEAP_PERCENT = 75;
const NO_JVM_OPTIONS = "no -Xmx or -XX:MaxRAMPercentage found";

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

export const jvmMemoryHeadroom = defineCheck({
  id: "jvm-memory-headroom",
  title: "JVM containers leave memory headroom above -Xmx",
  category: "reliability",
  severity: "high",
  rationale:
    "A JVM uses memory beyond its heap (metaspace, thread stacks, code cache, direct buffers, GC). A memory " +
    "limit at or just above -Xmx gets the container OOM-killed under load even though the heap is fine. " +
    "Teams running Java on Kubernetes report stable pods once the limit is about 1 GiB above the maximum heap. " +
    "-Xmx and -XX:MaxHeapSize/MaxRAMPercentage are read from command, args and every env value (JAVA_OPTS, " +
    "JAVA_TOOL_OPTIONS, …); a MaxRAMPercentage above 75 fails (both limits are parameters).",
  remediation:
    "Set resources.limits.memory to at least -Xmx + 1 GiB, or drop -Xmx and size the heap with " +
    "-XX:MaxRAMPercentage (≤ 75) so it follows the limit.",
  references: ["https://docs.oracle.com/en/java/javase/17/docs/specs/man/java.html"],
  params: {
    maxHeapPercent: param(
      z.number().gt(0).max(100),
      MAX_HEAP_PERCENT,
      "Largest -XX:MaxRAMPercentage (share of the memory limit given to the heap) that passes.",
    ),
    headroomMiB: param(
      z.number().int().min(0),
      1024,
      "Memory (MiB) the limit must leave above -Xmx for metaspace, threads, buffers and GC.",
    ),
  },
  scope: { type: "container", containers: "regular" },
  run(c, ctx) {
    if (!someCommandOrEnvValue(c, mentionsJvmOption)) return ctx.skip(NO_JVM_OPTIONS);
    const texts = commandAndEnvValues(c);
    const heap = maxHeapBytes(texts);
    const percent = heap === undefined ? maxHeapPercent(texts) : undefined;
    if (heap === undefined && percent === undefined) return ctx.skip(NO_JVM_OPTIONS);
    const limit = parseQuantity(resources(c, "limits").memory);
    if (limit === undefined) return ctx.skip("no memory limit (see resource-limits)");
    const field = "resources.limits.memory";
    const { maxHeapPercent: maxPercent, headroomMiB } = ctx.params;
    if (heap === undefined) {
      const p = percent ?? 0;
      const left = formatBytes((limit * (100 - p)) / 100);
      if (p <= maxPercent) return ctx.pass(`MaxRAMPercentage ${p}% leaves ${left} of ${formatBytes(limit)}`);
      return ctx.fail(
        `MaxRAMPercentage ${p}% leaves only ${left} of the ${formatBytes(limit)} limit outside the heap; keep it ≤ ${maxPercent}%`,
        { field },
      );
    }
    const headroom = headroomMiB * MiB;
    const needed = heap + headroom;
    if (limit >= needed)
      return ctx.pass(
        `memory limit ${formatBytes(limit)} ≥ -Xmx ${formatBytes(heap)} + ${formatBytes(headroom)}`,
      );
    ctx.fail(
      `memory limit ${formatBytes(limit)} leaves ${formatBytes(Math.max(0, limit - heap))} above -Xmx ${formatBytes(heap)}; needs ≥ ${formatBytes(needed)}`,
      { field },
    );
  },
});
