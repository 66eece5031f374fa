import { dig, rec } from "../../util";
import { isEmptySelector, matchesSelector, toMapSelector, toSelector } from "../selectors";
import type { LabelSelector } from "../types";
import type { Workload } from "../workloads";
import { defineCheck } from "../define";

/** Kinds whose spec.selector is a LabelSelector that apps/v1 requires. */
const REQUIRED = new Set(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"]);
/** Kinds whose spec.selector is a plain label map, defaulted from the template's labels when absent. */
const MAP_SELECTOR = new Set(["ReplicationController", "DeploymentConfig"]);

function selectorOf(w: Workload): LabelSelector | undefined {
  const v = dig(w.object, "spec", "selector");
  if (MAP_SELECTOR.has(w.kind)) return toMapSelector(v);
  const s = rec(v);
  // A custom kind by shape may carry either form: a LabelSelector has matchLabels or matchExpressions.
  if (s && !REQUIRED.has(w.kind) && w.kind !== "Job" && w.kind !== "Rollout")
    if (s.matchLabels === undefined && s.matchExpressions === undefined) return toMapSelector(s);
  return toSelector(v);
}

export const selectorMatchesTemplate = defineCheck({
  id: "selector-matches-template",
  title: "Controller selectors match their own pod template's labels",
  category: "reliability",
  severity: "high",
  rationale:
    "A controller counts and manages the pods its selector matches. When the pod template's labels do not " +
    "match it, the API server rejects a Deployment, StatefulSet, DaemonSet or ReplicaSet of apps/v1 (so the " +
    "manifest never applies), while controllers it does not validate (an Argo Rollout, other custom kinds " +
    "with a pod template) create pods they never see and keep creating more. An empty selector selects " +
    "every pod of the namespace, and apps/v1 requires a selector (the beta API versions defaulted it to the " +
    "template's labels, so a manifest written for them breaks on upgrade). As kube-score's " +
    "*-pod-selector-labels-match-template-metadata-labels and kube-linter's mismatching-selector; " +
    "matchExpressions are evaluated too. A Job's selector is generated unless manualSelector is true, so only " +
    "such Jobs are judged.",
  remediation:
    "Make spec.selector select the labels of spec.template.metadata.labels (usually the same " +
    "app.kubernetes.io/name and instance labels), and never change a selector in place: create a new object.",
  references: ["https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#selector"],
  scope: { type: "workload" },
  applies(w) {
    if (w.kind === "Pod" || w.kind === "PodTemplate" || w.podSpecPath !== "spec.template.spec") return false;
    if (w.kind === "Job") return dig(w.object, "spec", "manualSelector") === true;
    return REQUIRED.has(w.kind) || dig(w.object, "spec", "selector") !== undefined;
  },
  run(w, ctx) {
    const at = { path: "spec.selector" };
    const selector = selectorOf(w);
    if (!selector) {
      if (w.object.apiVersion === "apps/v1")
        return ctx.fail(`no spec.selector: ${w.kind} of apps/v1 requires one`, at);
      return ctx.pass(`no spec.selector: ${w.object.apiVersion} defaults it to the template's labels`, at);
    }
    if (isEmptySelector(selector)) return ctx.fail("empty selector: selects every pod of the namespace", at);
    if (!matchesSelector(w.podLabels, selector))
      return ctx.fail("the selector does not match the pod template's labels", at);
    ctx.pass("the selector matches the pod template's labels", at);
  },
});
