import { ALERTING, findAgent, LOGGING, MONITORING, type AgentFamily } from "../agents";
import { isWholeCluster, WHOLE_CLUSTER_ONLY } from "../helpers";
import type { RunContext } from "../types";
import { defineCheck } from "../define";

/** Scope and applicability of the agent checks: the cluster, when the snapshot shows all of it. */
const WHOLE_CLUSTER = {
  scope: { type: "cluster" },
  applies: (_: null, ctx: RunContext) => (isWholeCluster(ctx) ? true : WHOLE_CLUSTER_ONLY),
} as const;

function agentCheck(ctx: RunContext, family: AgentFamily, what: string): void {
  const found = findAgent(ctx, family);
  if (found) ctx.pass(`${what}: ${found}`);
  else ctx.fail(`no ${what} found in the cluster`);
}

export const monitoringAgent = defineCheck({
  id: "monitoring-agent",
  title: "The cluster runs a metrics/monitoring agent",
  category: "operations",
  severity: "medium",
  rationale:
    "Without metrics over time nobody can size requests and limits, see a node filling up, or tell whether " +
    "a change made things worse. Teams that ran Kubernetes for years name early monitoring as what they " +
    "would do first. Evaluated only for whole-cluster snapshots.",
  remediation:
    "Install Prometheus with node-exporter and kube-state-metrics (e.g. kube-prometheus-stack), or the " +
    "provider's or a vendor's agent.",
  references: ["https://kubernetes.io/docs/tasks/debug/debug-cluster/resource-usage-monitoring/"],
  ...WHOLE_CLUSTER,
  run: (_, ctx) => agentCheck(ctx, MONITORING, "monitoring agent"),
});

export const loggingAgent = defineCheck({
  id: "logging-agent",
  title: "The cluster ships container logs somewhere central",
  category: "operations",
  severity: "medium",
  rationale:
    "Container logs live on the node and disappear with the pod or node; without a log shipper, the " +
    "evidence of a crash is gone by the time anyone looks. One team reports two to three years to get " +
    "central logs and trace ids right, and wishing they had started earlier. Whole-cluster snapshots only.",
  remediation: "Run a log shipper DaemonSet (Fluent Bit, Vector, Promtail/Alloy, the provider's agent).",
  references: ["https://kubernetes.io/docs/concepts/cluster-administration/logging/"],
  ...WHOLE_CLUSTER,
  run: (_, ctx) => agentCheck(ctx, LOGGING, "log shipper"),
});

export const alertingAgent = defineCheck({
  id: "alerting-agent",
  title: "The cluster has alerting configured",
  category: "operations",
  severity: "medium",
  rationale:
    "Metrics nobody watches do not prevent outages: alerts routed to a chat channel or pager tell the team " +
    "when the cluster stops behaving, before users do. Whole-cluster snapshots only.",
  remediation:
    "Run Alertmanager with PrometheusRules (or the vendor's monitors) and route alerts to the team's channel.",
  references: ["https://prometheus.io/docs/alerting/latest/overview/"],
  ...WHOLE_CLUSTER,
  run: (_, ctx) => agentCheck(ctx, ALERTING, "alerting"),
});
