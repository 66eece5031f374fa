// The default "Production readiness" checklist: every automated check, plus manual items for what no
// snapshot can show. The manual items condense lessons from the experience reports in shared/seeds.
import { checkCatalogue } from "../index";
import type { ChecklistFile, ChecklistItem } from "./model";

type Manual = Omit<Extract<ChecklistItem, { kind: "manual" }>, "kind" | "enabled" | "weight"> & {
  weight?: number;
};

export const MANUAL_ITEMS: readonly Manual[] = [
  {
    key: "dr-plan-tested",
    title: "Disaster-recovery plan, tested",
    question:
      "Have you rebuilt the cluster and its workloads from scratch, following a written plan, in the last year?",
    category: "reliability",
    severity: "critical",
    rationale:
      "One team lost its self-managed cluster when its control-plane certificates expired and had to rebuild it by hand; it took days because not every chart, value and setting was written down. A plan nobody has rehearsed fails in the same way.",
    remediation:
      "Write the rebuild procedure (cluster, add-ons, workloads, data, DNS) and run it against a scratch cluster at least yearly; time it and fix what was missing.",
  },
  {
    key: "cluster-as-code",
    title: "Cluster re-creatable from code",
    question:
      "Is the cluster itself (node pools, networking, add-ons) defined in code — Terraform, Crossplane or scripts in git?",
    category: "operations",
    severity: "high",
    rationale:
      "Clusters clicked together in a console cannot be recreated quickly or reviewed. The cluster configuration is as much a part of the system as the workloads on it.",
    remediation:
      "Capture the cluster definition in version control (Terraform, Crossplane, eksctl/kops configs or plain scripts) and apply changes only through it.",
  },
  {
    key: "secrets-backed-up",
    title: "Secrets backed up outside the cluster",
    question:
      "Are all application secrets stored or backed up somewhere that survives losing the cluster (a vault, sealed secrets in git, a cloud secret manager)?",
    category: "security",
    severity: "high",
    rationale:
      "When a cluster is lost, every Secret in it goes too. Recovering credentials for dozens of services and external dependencies by hand is slow and error-prone.",
    remediation:
      "Keep the source of truth for secrets outside the cluster (Vault, a cloud secret manager with External Secrets, or Sealed Secrets in git) and test restoring them.",
  },
  {
    key: "certificate-inventory",
    title: "Certificate inventory and rotation plan",
    question:
      "Do you know every certificate the cluster depends on (API server, etcd, kubelet, CA, ingress) with its expiry date, and who renews it when?",
    category: "lifecycle",
    severity: "critical",
    rationale:
      "Expired internal certificates took one company's cluster down twice, a year apart — the second time because the provisioning tool silently ignored the requested lifetime. Managed control planes rotate their own certificates; everything else is yours.",
    remediation:
      "List every certificate with its expiry (kubeadm certs check-expiration, the report's certificate timeline), alert well before expiry, and automate renewal with cert-manager or the provider.",
  },
  {
    key: "upgrade-cadence",
    title: "Upgrade cadence and a tested upgrade path",
    question:
      "Do you upgrade Kubernetes on a regular cadence (a minor release roughly every quarter) with a rehearsed path — in place or by moving to a new cluster?",
    category: "lifecycle",
    severity: "high",
    rationale:
      "Falling behind makes every upgrade a rewrite of charts and manifests for removed APIs. Several teams found in-place minor upgrades too risky for production and moved workloads to a freshly built cluster instead; either way the path has to be practised.",
    remediation:
      "Set an upgrade calendar, rehearse each upgrade on staging first, and decide per cluster between in-place upgrades and blue/green clusters.",
  },
  {
    key: "staging-isolation",
    title: "Staging cluster or an isolation plan",
    question:
      "Is pre-production code kept off production capacity — a separate staging cluster, or namespaces with quotas, network policies and separate cloud permissions?",
    category: "reliability",
    severity: "high",
    rationale:
      "Limits and isolation between namespaces are hard to get right, and a separate staging cluster is also where cluster-level changes can be tried without risking production.",
    remediation:
      "Run staging in its own cluster, or isolate it with namespaces, ResourceQuotas, NetworkPolicies and separate cloud credentials; test cluster changes there first.",
  },
  {
    key: "monitoring-alerting",
    title: "Monitoring and alerting that reach people",
    question:
      "Are CPU, memory and workload health tracked over time, with alerts routed to a channel someone watches?",
    category: "operations",
    severity: "high",
    rationale:
      "Usage trends are what you size requests and limits from, and alerts are how you learn the cluster is unwell before customers do.",
    remediation:
      "Collect cluster and workload metrics (e.g. Prometheus with kube-state-metrics), define alerts for node pressure, crash loops and saturation, and route them to chat or paging.",
  },
  {
    key: "logging-trace-ids",
    title: "Central logging with trace ids",
    question:
      "Are logs from all services collected in one place, with a request or trace id that follows a call across services?",
    category: "operations",
    severity: "medium",
    rationale:
      "With many services, debugging without central logs and trace ids means grepping pods one by one; one team said getting this right took years and would have saved them much time had they started early.",
    remediation:
      "Ship logs with a node agent (Fluent Bit, Vector) to one store and propagate a trace id (OpenTelemetry) through every service.",
  },
  {
    key: "platform-owners",
    title: "Named platform owners and on-call",
    question:
      "Do named people own the platform with dedicated time, and is there an on-call rotation for the cluster?",
    category: "operations",
    severity: "high",
    rationale:
      "Kubernetes is too deep to rotate through the whole team every other week; teams that ran it well had a few engineers who spent real time on it and someone leading its evolution.",
    remediation:
      "Name at least two platform owners, give them time on the roadmap, and set up an on-call rotation with runbooks for the cluster.",
  },
  {
    key: "networking-skills",
    title: "Networking expertise on the team",
    question:
      "Is someone on the team strong in networking (CNI, DNS, load balancers, conntrack, cloud routing)?",
    category: "networking",
    severity: "medium",
    rationale:
      "Many production issues in the reports were networking: route-table limits capping node counts, DNS latency from ndots, conntrack tables filling up behind external IPs.",
    remediation:
      "Make sure a networking-savvy engineer is part of the platform team, or budget for training or outside help before going to production.",
  },
  {
    key: "version-pinning",
    title: "Versions pinned everywhere",
    question:
      "Are the versions of the cluster, node images, Helm charts, container images and tools pinned and changed deliberately?",
    category: "lifecycle",
    severity: "medium",
    rationale:
      "Problems from mismatched or drifting versions are entirely avoidable; floating tags and unpinned charts turn routine deploys into surprise upgrades.",
    remediation:
      "Pin cluster and node versions, chart versions and image tags (or digests) in code, and upgrade them through reviewed changes.",
  },
  {
    key: "manifest-validation-ci",
    title: "Manifests validated in CI",
    question:
      "Does CI validate manifests and charts before they reach the cluster (schema validation, policy checks such as `kubeready analyze`)?",
    category: "operations",
    severity: "medium",
    rationale:
      "Validation tools are infrastructure tests: they catch missing limits, probes and unsafe settings before they reach production.",
    remediation:
      "Run schema validation and policy checks (e.g. `npx kubeready analyze --fail-on high`) on every change to manifests or charts.",
  },
  {
    key: "managed-decision",
    title: "Managed versus self-managed decided deliberately",
    question:
      "Have you decided, with reasons written down, whether to use a managed Kubernetes service or run the control plane yourself?",
    category: "operations",
    severity: "medium",
    rationale:
      "Teams that moved from self-managed clusters to a managed service reported much less work and did not regret it; self-managing is a long-term commitment to upgrades, certificates and etcd.",
    remediation:
      "Compare the managed offerings available to you against your constraints and record the decision; prefer managed unless something rules it out.",
  },
  {
    key: "cost-controls",
    title: "Cost controls",
    question: "Do you review node sizing and use reserved or spot capacity where it fits?",
    category: "efficiency",
    severity: "low",
    rationale:
      "Reserving key instances saved one team 50–60%, spot capacity is an easy win for highly available workloads, and fewer, larger nodes waste less of the memory the provider reserves on each node.",
    remediation:
      "Review node types against actual usage, reserve the steady baseline, run tolerant workloads on spot, and revisit each quarter.",
  },
  {
    key: "pre-scaling-peaks",
    title: "Pre-scaling for known peaks",
    question:
      "For known traffic peaks (holidays, launches, campaigns), do you scale up ahead of time rather than relying on autoscaling alone?",
    category: "reliability",
    severity: "medium",
    rationale:
      "Autoscalers react after load arrives and new nodes take minutes; one logistics team scaled up a day before holiday peaks and down slowly afterwards.",
    remediation:
      "Keep a calendar of expected peaks and raise replica and node minimums before them; scale down gradually afterwards.",
  },
  {
    key: "ci-workloads-isolated",
    title: "CI and batch work kept off production capacity",
    question:
      "Do build runners, cron and batch jobs run on their own nodes or cluster, away from production services?",
    category: "reliability",
    severity: "high",
    rationale:
      "A memory-hungry ETL cron job once landed on a node running production services and took the site down; a build system inside a cluster consumed almost all of its resources when many builds ran at once.",
    remediation:
      "Give CI runners and batch jobs dedicated node pools (taints, tolerations, node selectors) or a separate cluster, with strict requests and limits.",
  },
];

export const DEFAULT_CHECKLIST_SLUG = "production-readiness";

/** The default checklist as a file; the app seeds it on first start. */
export function defaultChecklist(): ChecklistFile {
  const automated: ChecklistItem[] = checkCatalogue().map((c) => ({
    key: c.id,
    kind: "automated",
    checkId: c.id,
    title: c.title,
    category: c.category,
    severity: c.severity,
    weight: 1,
    rationale: c.rationale,
    remediation: c.remediation,
    enabled: true,
  }));
  const manual: ChecklistItem[] = MANUAL_ITEMS.map((m) => ({
    ...m,
    kind: "manual",
    weight: m.weight ?? 1,
    enabled: true,
  }));
  return {
    kubereadyChecklist: 1,
    slug: DEFAULT_CHECKLIST_SLUG,
    name: "Production readiness",
    description:
      "Every automated check plus the practices no snapshot can show, drawn from teams that ran Kubernetes in production.",
    items: [...manual, ...automated],
  };
}
