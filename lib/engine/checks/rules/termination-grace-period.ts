import { dig, num, rec, strings } from "../../util";
import { defineCheck } from "../define";

const DEFAULT_GRACE = 30;
const SLEEP = /\bsleep\s+(\d+)/;

/** Seconds a preStop hook sleeps (`sleep N` in an exec command, or the native sleep action). */
function preStopSleep(container: Record<string, unknown>): number | undefined {
  const preStop = rec(dig(container, "lifecycle", "preStop"));
  if (!preStop) return undefined; // most containers have no hook: nothing to join or match
  const native = num(dig(preStop, "sleep", "seconds"));
  if (native !== undefined) return native;
  const cmd = strings(dig(preStop, "exec", "command")).join(" ");
  const m = SLEEP.exec(cmd);
  return m ? Number(m[1]) : undefined;
}

export const terminationGracePeriod = defineCheck({
  id: "termination-grace-period",
  title: "Pods get time to shut down gracefully",
  category: "reliability",
  severity: "medium",
  rationale:
    "terminationGracePeriodSeconds: 0 kills containers without SIGTERM handling time, dropping in-flight " +
    "requests and risking corrupt data in stateful apps. A preStop sleep as long as the grace period uses " +
    "up all of it, so the application itself is killed without a chance to stop cleanly.",
  remediation:
    "Leave the grace period at 30 s or more and keep preStop sleeps well below it (a few seconds for " +
    "endpoint removal to propagate).",
  references: ["https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination"],
  scope: { type: "workload" },
  applies: (w) => w.longRunning,
  run(w, ctx) {
    const grace = num(w.podSpec.terminationGracePeriodSeconds) ?? DEFAULT_GRACE;
    const at = { field: "terminationGracePeriodSeconds" };
    const sleeper = grace > 0 ? w.containers.find((c) => (preStopSleep(c.spec) ?? 0) >= grace) : undefined;
    if (grace === 0) ctx.fail("terminationGracePeriodSeconds 0: no graceful shutdown", at);
    else if (sleeper)
      ctx.fail(
        `preStop of ${sleeper.name} sleeps ${preStopSleep(sleeper.spec)}s of a ${grace}s grace period`,
        at,
      );
    else ctx.pass(`${grace}s grace period`, at);
  },
});
