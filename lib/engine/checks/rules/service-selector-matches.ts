import { rec } from "../../util";
import { describe, isEmptySelector, toMapSelector } from "../helpers";
import type { Check, Outcome } from "../types";
import { refOf } from "../workloads";
import { outcome } from "../outcome";

const AT_SELECTOR = { path: "spec.selector" };

export const serviceSelectorMatches: Check = {
  id: "service-selector-matches",
  title: "Service selectors match at least one pod",
  category: "networking",
  severity: "high",
  rationale:
    "A Service whose selector matches no pod template has no endpoints: clients get connection refused or " +
    "timeouts. A typo in a label or a renamed app is enough.",
  remediation:
    "Make spec.selector equal to labels of the intended pod template (not the Deployment's own labels).",
  references: ["https://kubernetes.io/docs/concepts/services-networking/service/"],
  evaluate(ctx) {
    const out: Outcome[] = [];
    const anyPods = ctx.hasKind("Pod") || ctx.workloads.length > 0;
    for (const svc of ctx.ofKind("Service")) {
      const object = refOf(svc, AT_SELECTOR);
      const spec = rec(svc.spec);
      const selector = spec?.type === "ExternalName" ? undefined : toMapSelector(spec?.selector);
      if (!selector || isEmptySelector(selector)) {
        out.push(outcome("skip", "no selector (endpoints managed elsewhere)", object));
        continue;
      }
      const matches = ctx.selectPodTemplates(svc.metadata.namespace, selector);
      if (matches[0]) {
        out.push(outcome("pass", `selects ${describe(matches[0].object)}`, object));
      } else if (!anyPods) {
        out.push(outcome("skip", "snapshot contains no pods or workloads", object));
      } else {
        const wanted = Object.entries(selector.matchLabels ?? {})
          .map(([k, v]) => `${k}=${v}`)
          .join(",");
        out.push(outcome("fail", `selector ${wanted} matches no pod or pod template`, object));
      }
    }
    return out;
  },
};
