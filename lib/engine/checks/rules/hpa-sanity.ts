import { z } from "zod";
import { dig, num, recs, str } from "../../util";
import { resources } from "../helpers";
import { toWorkload } from "../workloads";
import { defineCheck, param } from "../define";

/** Resources (cpu, memory) an HPA scales on by utilization, i.e. relative to the pods' requests. */
function utilizationResources(hpa: Record<string, unknown>): string[] {
  const out = new Set<string>();
  if (num(dig(hpa, "spec", "targetCPUUtilizationPercentage")) !== undefined) out.add("cpu");
  for (const m of recs(dig(hpa, "spec", "metrics"))) {
    if (m.type !== "Resource" && m.type !== "ContainerResource") continue;
    const r = (m.resource ?? m.containerResource) as Record<string, unknown> | undefined;
    const name = str(r?.name);
    const utilization =
      num(r?.targetAverageUtilization) !== undefined || str(dig(r, "target", "type")) === "Utilization";
    if (name && utilization) out.add(name);
  }
  return [...out];
}

export const hpaSanity = defineCheck({
  id: "hpa-sanity",
  title: "HorizontalPodAutoscalers have sane bounds and the requests they scale on",
  category: "reliability",
  severity: "medium",
  rationale:
    "Utilization targets are percentages of the pods' requests: without a CPU request the autoscaler cannot " +
    "compute CPU utilization and never scales. minReplicas above maxReplicas is rejected at scale time, and " +
    "minReplicas 1 lets the autoscaler scale a service down to a single point of failure at night (the " +
    "floor is a parameter, default 2). " +
    "minReplicas equal to maxReplicas is reported too (at low severity when it is the only problem), as " +
    "Polaris' hpaMaxAvailability does: the autoscaler can never act, so it is a fixed replica count that " +
    "looks autoscaled, usually a leftover of a load test or an incident. Three concerns, each with its own " +
    "result: min (the floor), max (above min) and requests (of the resources scaled on by utilization, when " +
    "the target is in the input).",
  remediation:
    "Set minReplicas ≥ 2 and below maxReplicas (or drop the HPA and set spec.replicas), and set requests " +
    "for every resource the HPA targets by " +
    "utilization on every container of the target.",
  references: ["https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/"],
  params: {
    minReplicas: param(
      z.number().int().min(1),
      2,
      "Lowest minReplicas an autoscaler may scale down to (the HPA floor).",
    ),
  },
  scope: { type: "kinds", kinds: ["HorizontalPodAutoscaler"] },
  concerns: ["min", "max", "requests"],
  run(hpa, ctx) {
    const min = num(dig(hpa, "spec", "minReplicas")) ?? 1;
    const max = num(dig(hpa, "spec", "maxReplicas"));
    const floor = ctx.params.minReplicas;
    const atMin = { path: "spec.minReplicas", concern: "min" };
    if (min >= floor) ctx.pass(`minReplicas ${min}`, atMin);
    else
      ctx.fail(
        min < 2
          ? `minReplicas ${min}: can scale down to no redundancy`
          : `minReplicas ${min}: below ${floor}`,
        atMin,
      );
    const atMax = { path: "spec.maxReplicas", concern: "max" };
    if (max === undefined) ctx.skip("no maxReplicas", atMax);
    else if (min > max) ctx.fail(`minReplicas ${min} > maxReplicas ${max}`, atMax);
    // A fixed size written as an autoscaler: reported, but at low severity.
    else if (min === max)
      ctx.fail(`minReplicas = maxReplicas ${min}: the autoscaler never scales`, {
        ...atMax,
        severity: "low",
      });
    else ctx.pass(`scales from ${min} to ${max} replicas`, atMax);
    const kind = str(dig(hpa, "spec", "scaleTargetRef", "kind"));
    const name = str(dig(hpa, "spec", "scaleTargetRef", "name"));
    const target = kind && name ? ctx.find(kind, hpa.metadata.namespace, name) : undefined;
    const w = target ? toWorkload(target) : undefined;
    const scaledOn = utilizationResources(hpa);
    if (!w || scaledOn.length === 0) return;
    const problems: string[] = [];
    for (const res of scaledOn) {
      const missing = w.regular.filter((c) => resources(c, "requests")[res] === undefined);
      if (missing.length > 0)
        problems.push(
          `scales on ${res} utilization but ${missing.map((c) => c.name).join(", ")} request no ${res}`,
        );
    }
    const atRequests = { path: "spec", concern: "requests" };
    if (problems.length > 0) ctx.fail(problems.join("; "), atRequests);
    else ctx.pass(`${scaledOn.join(" and ")} requested by every container of ${kind} ${name}`, atRequests);
  },
});
