import { rec } from "../../util";
import { describe, isEmptySelector, toMapSelector } from "../helpers";
import { defineCheck } from "../define";

const AT_SELECTOR = { path: "spec.selector" };

export const serviceSelectorMatches = defineCheck({
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
  scope: { type: "kinds", kinds: ["Service"] },
  prepare: (ctx) => ctx.hasKind("Pod") || ctx.workloads.length > 0,
  run(svc, ctx) {
    const spec = rec(svc.spec);
    const selector = spec?.type === "ExternalName" ? undefined : toMapSelector(spec?.selector);
    if (!selector || isEmptySelector(selector))
      return ctx.skip("no selector (endpoints managed elsewhere)", AT_SELECTOR);
    const matches = ctx.selectPodTemplates(svc.metadata.namespace, selector);
    if (matches[0]) return ctx.pass(`selects ${describe(matches[0].object)}`, AT_SELECTOR);
    if (!ctx.prepared) return ctx.skip("snapshot contains no pods or workloads", AT_SELECTOR);
    const wanted = Object.entries(selector.matchLabels ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(",");
    ctx.fail(`selector ${wanted} matches no pod or pod template`, AT_SELECTOR);
  },
});
