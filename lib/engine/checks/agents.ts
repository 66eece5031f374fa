// Which cluster-wide agents a snapshot shows, found once per snapshot from workload images and names and
// from the kinds of custom resources their operators add.
import { imageMatches, workloadImages } from "./helpers";
import type { CheckContext } from "./types";

export interface AgentFamily {
  /** Image or workload name segments (an image segment matches "name" and "name-…"). */
  names: readonly string[];
  /** Object kinds whose presence shows the capability (custom resources of an operator). */
  kinds: readonly string[];
}

export const MONITORING: AgentFamily = {
  names: [
    "prometheus",
    "node-exporter",
    "kube-state-metrics",
    "datadog",
    "dd-agent",
    "newrelic-infrastructure",
    "nri-kubernetes",
    "dynatrace-operator",
    "grafana-agent",
    "alloy",
    "vmagent",
    "victoria-metrics",
    "metricbeat",
    "elastic-agent",
    "opentelemetry-collector",
    "otel-collector",
    "sysdig",
    "cloudwatch-agent",
    "ama-metrics",
    "gke-metrics-agent",
    "netdata",
    "zabbix-agent",
  ],
  kinds: [
    "Prometheus",
    "ServiceMonitor",
    "PodMonitor",
    "VMAgent",
    "VMSingle",
    "VMCluster",
    "DynaKube",
    "DatadogAgent",
  ],
};

export const LOGGING: AgentFamily = {
  names: [
    "fluent-bit",
    "fluentbit",
    "fluentd",
    "vector",
    "promtail",
    "filebeat",
    "logstash",
    "elastic-agent",
    "datadog",
    "dd-agent",
    "splunk-otel-collector",
    "splunk-connect",
    "opentelemetry-collector",
    "otel-collector",
    "alloy",
    "grafana-agent",
    "aws-for-fluent-bit",
    "fluentbit-gke",
    "ama-logs",
    "omsagent",
    "logging-operator",
    "loki",
    "newrelic-logging",
  ],
  kinds: ["Logging", "FluentBit", "ClusterFlow", "ClusterOutput", "Flow", "Output", "FluentBitConfig"],
};

export const ALERTING: AgentFamily = {
  names: [
    "alertmanager",
    "vmalert",
    "datadog",
    "dd-agent",
    "newrelic-infrastructure",
    "dynatrace-operator",
    "karma",
    "grafana",
  ],
  kinds: ["Alertmanager", "PrometheusRule", "AlertmanagerConfig", "VMAlert", "VMRule", "DatadogMonitor"],
};

/** The first piece of evidence that an agent of the family runs, or undefined. */
export function findAgent(ctx: CheckContext, family: AgentFamily): string | undefined {
  for (const kind of family.kinds) if (ctx.hasKind(kind)) return `${kind} objects`;
  for (const { w, image } of workloadImages(ctx)) {
    const hit = imageMatches(image, family.names) ?? imageMatches(w.name, family.names);
    if (hit) return `${w.kind} ${w.namespace ? `${w.namespace}/` : ""}${w.name} (${image})`;
  }
  return undefined;
}
