import { z } from "zod";

import {
  coreQuestionIds,
  getQuestion,
  parseAnswer,
  questionIds,
  type AnswerValue,
  type QuestionId,
} from "./questionnaire";

// "Do we need Kubernetes?" — an additive, explained heuristic.
//
// Invariants (enforced by need-kubernetes.test.ts):
// - score = clamp(BASE_SCORE + Σ factor effects, 0, 100) with BASE_SCORE = 0. When clamping changes the
//   total, a `score_clamp` factor carries the difference, so the listed effects always sum to the score.
// - Scale answers and need answers only ever add points, through non-decreasing bands, so more scale or
//   more needs never lowers the score. Cost-side answers (team, hosting, state) add no points: they shape
//   the recommendation and the caveats instead, which keeps "do we need it" apart from "how to get it".
// - Unanswered questions add nothing and are listed in `missing`; nothing is guessed. A snapshot may
//   stand in for production_hosts (node count) and services (workload count) when those are unanswered.
// - No verdict from too few answers: below VERDICT_MINIMUM the verdict is "insufficient-answers", there
//   is no recommendation, and `toVerdict` says what is missing. The score is still computed (and still
//   monotone); only the verdict waits. Knowing more answers never takes a verdict away.

export const HEURISTIC_VERSION = "1.0.0";

export const BASE_SCORE = 0;

/** Verdict bands: below `borderline` is not-needed, below `needed` is borderline, the rest is needed. */
export const VERDICT_THRESHOLDS = { borderline: 40, needed: 65 } as const;

export const ZVerdict = z.enum(["not-needed", "borderline", "needed"]);
export type Verdict = z.infer<typeof ZVerdict>;

/**
 * The least a verdict rests on: both scale counts the rule of thumb is built on (answered, or read from
 * a snapshot) and half of the core questions. With fewer, the unanswered needs alone are worth more
 * points than a verdict band is wide, so "not needed" would only mean "not asked".
 */
export const VERDICT_MINIMUM = {
  known: 8,
  required: ["production_hosts", "services"] as const satisfies readonly QuestionId[],
};

export const INSUFFICIENT_VERDICT = "insufficient-answers";
export const ZNeedVerdict = z.enum([...ZVerdict.options, INSUFFICIENT_VERDICT]);
export type NeedVerdict = z.infer<typeof ZNeedVerdict>;

export const ZRecommendation = z.enum([
  "compose-and-config-management",
  "managed-container-platform",
  "managed-kubernetes",
  "self-managed-kubernetes",
]);
export type Recommendation = z.infer<typeof ZRecommendation>;

export const ZNeedKubernetesFactor = z.object({
  id: z.string(),
  label: z.string(),
  effect: z.int(),
  explanation: z.string(),
});
export type NeedKubernetesFactor = z.infer<typeof ZNeedKubernetesFactor>;

export const ZNeedKubernetesFact = z.object({
  id: z.string(),
  value: z.union([z.number(), z.boolean(), z.string()]),
  source: z.enum(["questionnaire", "snapshot"]),
});
export type NeedKubernetesFact = z.infer<typeof ZNeedKubernetesFact>;

export const ZNeedKubernetes = z.object({
  score: z.int().min(0).max(100),
  verdict: ZNeedVerdict,
  /** null while the verdict is "insufficient-answers". */
  recommendation: ZRecommendation.nullable(),
  /** Core questions known (answered or from a snapshot), of how many, and the least a verdict needs. */
  coverage: z.object({ known: z.int(), total: z.int(), minimum: z.int() }),
  /** What must still be answered before there is a verdict; empty once there is one. */
  toVerdict: z.array(z.string()),
  factors: z.array(ZNeedKubernetesFactor),
  caveats: z.array(z.string()),
  missing: z.array(z.string()),
  facts: z.array(ZNeedKubernetesFact),
});
export type NeedKubernetes = z.infer<typeof ZNeedKubernetes>;

export type SnapshotFacts = { nodeCount?: number; workloadCount?: number; source?: string };

export const verdictLabels: Readonly<Record<NeedVerdict, string>> = {
  [INSUFFICIENT_VERDICT]: "Not enough answers for a verdict yet",
  "not-needed": "You probably don't need Kubernetes",
  borderline: "Borderline: Kubernetes could help, but lighter options may serve you as well",
  needed: "Kubernetes fits your situation",
};

export const recommendationDescriptions: Readonly<
  Record<Recommendation, { label: string; summary: string }>
> = {
  "compose-and-config-management": {
    label: "Docker Compose plus configuration management",
    summary:
      "Run containers with Docker Compose on each host and keep the hosts in shape with Ansible, Chef or a similar tool. Revisit when hosts, services or needs grow.",
  },
  "managed-container-platform": {
    label: "A managed container platform",
    summary:
      "Let a provider schedule your containers (Cloud Run, ECS/Fargate, Azure Container Apps or App Service, and similar). You get rollouts, scaling and restarts without operating a cluster.",
  },
  "managed-kubernetes": {
    label: "Managed Kubernetes",
    summary:
      "Use a hosted service such as GKE, EKS, AKS or DOKS so the provider runs the control plane, its certificates and much of each upgrade; your team runs the workloads.",
  },
  "self-managed-kubernetes": {
    label: "Self-managed Kubernetes",
    summary:
      "Build and operate the cluster yourself (kubeadm, k3s, Kubespray, RKE and the like). Budget for quarterly upgrades, certificate rotation, networking and disaster recovery.",
  },
};

/** A step of a scale band table: applies from `min` (inclusive) up to the next step. */
type Band = { readonly min: number; readonly points: number; readonly note: string };

type ScaleQuestionId = "production_hosts" | "services" | "services_multi_host" | "deploys_per_week";

// Points rise with scale and never fall (checked by a test). The ~10 hosts / ~5 multi-host services
// steps follow one author's rule of thumb for when Compose plus configuration management stops sufficing.
export const scaleBands: Readonly<Record<ScaleQuestionId, readonly Band[]>> = {
  production_hosts: [
    {
      min: 0,
      points: 0,
      note: "With one or two machines there is nothing for a scheduler to spread work across; Compose on each host covers it.",
    },
    {
      min: 3,
      points: 6,
      note: "A handful of hosts is still comfortable territory for Compose plus Ansible or Chef; one author's rule of thumb only leans towards orchestration at around ten production VMs.",
    },
    {
      min: 10,
      points: 14,
      note: "Around ten production VMs is where, by one report's rule of thumb, simpler tooling starts to cost more than a scheduler.",
    },
    {
      min: 30,
      points: 18,
      note: "Dozens of machines turn placement, bin-packing and recovering from node failures into routine work that an orchestrator automates.",
    },
    {
      min: 100,
      points: 22,
      note: "Hundreds of machines is the scale Kubernetes was designed for; one reporting team runs over 400 VMs under it across several data centres.",
    },
  ],
  services: [
    {
      min: 0,
      points: 0,
      note: "One or two applications rarely justify a platform; deploying them directly stays simpler.",
    },
    {
      min: 3,
      points: 3,
      note: "A few services benefit from a shared deployment convention, but not yet from a platform.",
    },
    {
      min: 5,
      points: 7,
      note: "From about five independently deployed applications, repeating deploy, configuration and health-check plumbing for each one starts to cost more than a common platform.",
    },
    {
      min: 15,
      points: 10,
      note: "With many services (one team maintained more than 70 Helm charts) a uniform deployment model and built-in service discovery pay for themselves.",
    },
    {
      min: 50,
      points: 12,
      note: "At this many services, consistent scheduling, discovery and rollouts across teams are a platform-sized problem.",
    },
  ],
  services_multi_host: [
    {
      min: 0,
      points: 0,
      note: "Nothing runs on more than one host, so there is no cross-host placement or load balancing to orchestrate.",
    },
    {
      min: 1,
      points: 4,
      note: "A few services span hosts; a load balancer and configuration management can still wire that up by hand.",
    },
    {
      min: 5,
      points: 10,
      note: "Several services spread over multiple hosts need placement, discovery and coordinated rollouts across machines, which is the core job of an orchestrator.",
    },
    {
      min: 15,
      points: 13,
      note: "Many multi-host services make manual placement and rollout coordination a constant chore.",
    },
  ],
  deploys_per_week: [
    { min: 0, points: 0, note: "Infrequent deploys can be done carefully by hand or with a simple script." },
    { min: 5, points: 2, note: "Regular deploys reward automated, repeatable rollouts." },
    {
      min: 20,
      points: 4,
      note: "Several deploys a day make declarative rollouts with quick rollback worth having.",
    },
    {
      min: 50,
      points: 6,
      note: "At this pace, a pipeline driving a declarative platform API replaces a lot of manual release work.",
    },
  ],
};

/** Points when the rule of thumb's full threshold is met: ~10+ hosts and ~5+ services each on several hosts. */
export const RULE_OF_THUMB_POINTS = 10;
const RULE_OF_THUMB_HOSTS = 10;
const RULE_OF_THUMB_MULTI_HOST_SERVICES = 5;

export const containerizedPoints: Readonly<Record<"none" | "some" | "all", number>> = {
  none: 0,
  some: 2,
  all: 4,
};

type NeedQuestionId =
  | "needs_zero_downtime_deploys"
  | "needs_autoscaling"
  | "needs_high_availability"
  | "needs_preview_environments"
  | "needs_scheduled_jobs"
  | "needs_portability";

export const needWeights: Readonly<Record<NeedQuestionId, { points: number; label: string; note: string }>> =
  {
    needs_zero_downtime_deploys: {
      points: 7,
      label: "Zero-downtime deployments",
      note: "Rolling updates gated by readiness checks are built in. Managed container platforms offer this too, and during a rolling update old and new versions serve side by side, which some apps must plan for.",
    },
    needs_autoscaling: {
      points: 9,
      label: "Autoscaling",
      note: "Pod and cluster autoscaling together let one team cut its running instances sharply. It depends on well-tuned resource requests, and sharp known peaks may still call for scaling up the day before.",
    },
    needs_high_availability: {
      points: 9,
      label: "High availability",
      note: "Replicas spread over nodes and automatic rescheduling keep services running when a machine dies; one author's clusters absorbed lost nodes and network outages unattended.",
    },
    needs_preview_environments: {
      points: 7,
      label: "Preview environments",
      note: "Namespaces and templated manifests make per-branch environments cheap to create and tear down, a need that led one team to Kubernetes in the first place.",
    },
    needs_scheduled_jobs: {
      points: 4,
      label: "Scheduled and batch jobs",
      note: "Jobs and CronJobs run beside your services on the same platform. Isolate them with limits or dedicated nodes: a memory-hungry ETL job once starved a shared node and took a site down.",
    },
    needs_portability: {
      points: 9,
      label: "Portability",
      note: "The same API runs on every major cloud, on-premises and on a laptop, which vendor container platforms can't offer. Weigh its cost: one team found vendor neutrality too expensive and consolidated on one provider.",
    },
  };

const needIds = Object.keys(needWeights).filter((id): id is NeedQuestionId => id in needWeights);

type Known = { value: number | boolean | string; source: "questionnaire" | "snapshot" };
type Inputs = Partial<Record<QuestionId, Known>>;

function bandFor(bands: readonly Band[], value: number): Band {
  let chosen = bands[0];
  for (const band of bands) if (value >= band.min) chosen = band;
  if (!chosen) throw new Error("Band table must not be empty");
  return chosen;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function label(id: QuestionId): string {
  return getQuestion(id)?.label ?? id;
}

function asInteger(input: Known | undefined): number | undefined {
  return typeof input?.value === "number" ? input.value : undefined;
}

function asBoolean(input: Known | undefined): boolean | undefined {
  return typeof input?.value === "boolean" ? input.value : undefined;
}

function asString(input: Known | undefined): string | undefined {
  return typeof input?.value === "string" ? input.value : undefined;
}

/** A snapshot count usable in place of an answer: a whole number ≥ 0 within the question's range. */
function snapshotCount(id: QuestionId, count: number | undefined): number | undefined {
  if (count === undefined) return undefined;
  const parsed = parseAnswer(id, count);
  return parsed.ok && typeof parsed.value === "number" ? parsed.value : undefined;
}

function readInputs(
  answers: Partial<Record<string, AnswerValue>>,
  snapshot: SnapshotFacts,
  caveats: string[],
): Inputs {
  const inputs: Inputs = {};
  for (const id of questionIds) {
    const raw: unknown = answers[id];
    if (raw === undefined || raw === null) continue;
    const parsed = parseAnswer(id, raw);
    if (parsed.ok && parsed.value !== null) inputs[id] = { value: parsed.value, source: "questionnaire" };
    else if (!parsed.ok) caveats.push(`The answer to "${label(id)}" was ignored: ${parsed.message}`);
  }

  const fromSnapshot: [QuestionId, number | undefined, string][] = [
    ["production_hosts", snapshotCount("production_hosts", snapshot.nodeCount), "nodes"],
    ["services", snapshotCount("services", snapshot.workloadCount), "workloads"],
  ];
  const where = snapshot.source ? `The uploaded snapshot (${snapshot.source})` : "The uploaded snapshot";
  for (const [id, count, noun] of fromSnapshot) {
    if (count === undefined) continue;
    const answered = asInteger(inputs[id]);
    if (answered === undefined) {
      inputs[id] = { value: count, source: "snapshot" };
    } else if (answered !== count) {
      caveats.push(
        `${where} shows ${plural(count, noun.slice(0, -1), noun)}, but the questionnaire says ${answered}; the score uses your answer.`,
      );
    }
  }
  return inputs;
}

function sourceNote(input: Known, snapshot: SnapshotFacts, noun: string): string {
  if (input.source === "questionnaire") return "";
  const where = snapshot.source ? `the uploaded snapshot (${snapshot.source})` : "the uploaded snapshot";
  return ` Taken from ${where}, which counts ${plural(Number(input.value), noun.slice(0, -1), noun)}, because the question is unanswered; answer it to override.`;
}

function scaleFactors(inputs: Inputs, snapshot: SnapshotFacts): NeedKubernetesFactor[] {
  const factors: NeedKubernetesFactor[] = [];
  const labels: Record<ScaleQuestionId, (n: number) => string> = {
    production_hosts: (n) => plural(n, "production host", "production hosts"),
    services: (n) => plural(n, "independently deployed service", "independently deployed services"),
    services_multi_host: (n) => plural(n, "service on several hosts", "services on several hosts"),
    deploys_per_week: (n) => plural(n, "deploy per week", "deploys per week"),
  };
  const snapshotNouns: Partial<Record<ScaleQuestionId, string>> = {
    production_hosts: "nodes",
    services: "workloads",
  };
  for (const id of ["production_hosts", "services", "services_multi_host", "deploys_per_week"] as const) {
    const input = inputs[id];
    const value = asInteger(input);
    if (input === undefined || value === undefined) continue;
    const band = bandFor(scaleBands[id], value);
    const noun = snapshotNouns[id];
    factors.push({
      id,
      label: labels[id](value),
      effect: band.points,
      explanation: band.note + (noun ? sourceNote(input, snapshot, noun) : ""),
    });
  }

  const hosts = asInteger(inputs.production_hosts);
  const multiHost = asInteger(inputs.services_multi_host);
  const unknown = [
    hosts === undefined ? "production hosts" : undefined,
    multiHost === undefined ? "services on several hosts" : undefined,
  ].filter((s): s is string => s !== undefined);
  const met =
    hosts !== undefined &&
    multiHost !== undefined &&
    hosts >= RULE_OF_THUMB_HOSTS &&
    multiHost >= RULE_OF_THUMB_MULTI_HOST_SERVICES;
  factors.push({
    id: "simple_tools_threshold",
    label: met ? "Past the simple-tools threshold" : "Within reach of simpler tools",
    effect: met ? RULE_OF_THUMB_POINTS : 0,
    explanation: met
      ? `With ${RULE_OF_THUMB_HOSTS}+ production hosts and ${RULE_OF_THUMB_MULTI_HOST_SERVICES}+ services each spread over several hosts, you are past one author's rule of thumb for when Compose plus configuration management stops being enough.`
      : unknown.length > 0
        ? `One author's rule of thumb (about ${RULE_OF_THUMB_HOSTS}+ production hosts and ${RULE_OF_THUMB_MULTI_HOST_SERVICES}+ services each on several hosts) can't be checked until you give ${unknown.join(" and ")}.`
        : `Below one author's rule of thumb (about ${RULE_OF_THUMB_HOSTS}+ production hosts and ${RULE_OF_THUMB_MULTI_HOST_SERVICES}+ services each on several hosts), Compose plus configuration management such as Ansible or Chef usually does the job.`,
  });

  const containerized = asString(inputs.containerized);
  if (containerized === "none" || containerized === "some" || containerized === "all") {
    const notes = {
      none: "Nothing runs in containers yet, so containerizing is the first project whatever you pick; choosing an orchestrator can wait until that is done.",
      some: "Part of your software is containerized. The teams in the reports containerized first and chose an orchestrator once more container deployments were on the way.",
      all: "Everything already runs in containers, so the open question is only how to schedule and operate them.",
    };
    const labelsByLevel = {
      none: "Nothing containerized yet",
      some: "Partly containerized",
      all: "Fully containerized",
    };
    factors.push({
      id: "containerized",
      label: labelsByLevel[containerized],
      effect: containerizedPoints[containerized],
      explanation: notes[containerized],
    });
  }
  return factors;
}

function needFactors(inputs: Inputs): NeedKubernetesFactor[] {
  const factors: NeedKubernetesFactor[] = [];
  for (const id of needIds) {
    const needed = asBoolean(inputs[id]);
    if (needed === undefined) continue;
    const weight = needWeights[id];
    factors.push({
      id,
      label: needed ? `Needs: ${weight.label.toLowerCase()}` : `No need for ${weight.label.toLowerCase()}`,
      effect: needed ? weight.points : 0,
      explanation: needed ? weight.note : `You don't need this today, so it adds no points.`,
    });
  }
  return factors;
}

type Team = {
  engineers: number | undefined;
  experience: string | undefined;
  networking: boolean | undefined;
  managed: boolean | undefined;
  stateful: boolean | undefined;
};

function readTeam(inputs: Inputs): Team {
  return {
    engineers: asInteger(inputs.platform_engineers),
    experience: asString(inputs.kubernetes_experience),
    networking: asBoolean(inputs.networking_expertise),
    managed: asBoolean(inputs.managed_kubernetes_available),
    stateful: asBoolean(inputs.stateful_workloads_in_cluster),
  };
}

/** The team can't reasonably run its own control plane: no Kubernetes experience or fewer than two owners. */
function teamLacksCapacity(team: Team): boolean {
  return team.experience === "none" || (team.engineers !== undefined && team.engineers < 2);
}

// Cost-side answers are listed with zero effect so the report shows what shaped the recommendation.
function costFactors(team: Team): NeedKubernetesFactor[] {
  const factors: NeedKubernetesFactor[] = [];
  const noPoints = "Doesn't change the need score.";
  if (team.engineers !== undefined) {
    factors.push({
      id: "platform_engineers",
      label: plural(team.engineers, "person for the platform", "people for the platform"),
      effect: 0,
      explanation:
        team.engineers >= 2
          ? `${noPoints} A couple of people with real time for the platform is what the reporting teams needed to operate Kubernetes.`
          : `${noPoints} Fewer than two dedicated people steers the recommendation away from running your own cluster.`,
    });
  }
  if (team.experience !== undefined) {
    const notes: Record<string, string> = {
      none: "With no Kubernetes experience the learning curve is steep, so a managed offering is preferred over building your own cluster.",
      learning:
        "The team is still learning; a managed offering lets it learn workloads first and control-plane operations later.",
      production: "Production experience lowers the learning curve considerably.",
    };
    factors.push({
      id: "kubernetes_experience",
      label: `Kubernetes experience: ${team.experience}`,
      effect: 0,
      explanation: `${noPoints} ${notes[team.experience] ?? ""}`.trim(),
    });
  }
  if (team.networking !== undefined) {
    factors.push({
      id: "networking_expertise",
      label: team.networking ? "Networking expertise on the team" : "No networking specialist",
      effect: 0,
      explanation: team.networking
        ? `${noPoints} A strong networking person was, by one team's account, even more important than expected.`
        : `${noPoints} Without networking depth, cluster networking is the likeliest place to get stuck; see the caveats.`,
    });
  }
  if (team.managed !== undefined) {
    factors.push({
      id: "managed_kubernetes_available",
      label: team.managed ? "Managed Kubernetes is an option" : "Managed Kubernetes is not an option",
      effect: 0,
      explanation: team.managed
        ? `${noPoints} A managed service takes the control plane, its certificates and much of each upgrade off your hands, so it is the recommended way to run Kubernetes if you need it.`
        : `${noPoints} Without a managed service you would operate the control plane yourself, so the recommendation weighs whether your team can.`,
    });
  }
  if (team.stateful !== undefined) {
    factors.push({
      id: "stateful_workloads_in_cluster",
      label: team.stateful ? "Databases or queues planned in the cluster" : "State kept outside the cluster",
      effect: 0,
      explanation: team.stateful
        ? `${noPoints} Running state in the cluster adds operational risk; see the caveats.`
        : `${noPoints} Keeping databases outside the cluster (a managed database, for instance) keeps the cluster simpler to rebuild and upgrade.`,
    });
  }
  return factors;
}

function verdictFor(score: number): Verdict {
  if (score >= VERDICT_THRESHOLDS.needed) return "needed";
  if (score >= VERDICT_THRESHOLDS.borderline) return "borderline";
  return "not-needed";
}

/**
 * Strong needs tip a borderline score towards Kubernetes: portability plus at least two other needs.
 * Vendor container platforms cover rollouts, scaling, restarts and cron well; a common API across
 * clouds, data centres and laptops is the one thing they can't give.
 */
function hasStrongNeeds(inputs: Inputs): boolean {
  const needs = needIds.filter((id) => asBoolean(inputs[id]) === true);
  const portability = needs.includes("needs_portability");
  return portability && needs.length >= 3;
}

function kubernetesFlavour(team: Team, caveats: string[]): Recommendation {
  if (team.managed !== false) return "managed-kubernetes";
  if (teamLacksCapacity(team)) {
    caveats.push(
      "You said managed Kubernetes isn't an option, but your team lacks the experience or people to run its own control plane. Look again at hosting options that include a managed service before building a cluster yourself.",
    );
    return "managed-kubernetes";
  }
  return "self-managed-kubernetes";
}

function recommend(verdict: Verdict, inputs: Inputs, team: Team, caveats: string[]): Recommendation {
  if (verdict === "not-needed") return "compose-and-config-management";
  if (verdict === "borderline") {
    if (!hasStrongNeeds(inputs)) {
      if (team.managed === false) {
        caveats.push(
          "If no managed container platform is available either (for example on-premises), Compose plus configuration management remains the simpler choice until your scale clearly calls for Kubernetes.",
        );
      }
      return "managed-container-platform";
    }
    caveats.push(
      "The score is borderline, but you need portability together with other platform features, which a single vendor's container platform can't provide, so Kubernetes is recommended.",
    );
  }
  return kubernetesFlavour(team, caveats);
}

/** What keeps the verdict back, as sentences for the user; empty when a verdict can be given. */
function verdictGaps(missing: readonly QuestionId[], total: number): string[] {
  const gaps: string[] = [];
  for (const id of VERDICT_MINIMUM.required) {
    if (missing.includes(id)) gaps.push(`Answer "${label(id)}" (or upload a snapshot that counts it).`);
  }
  const known = total - missing.length;
  if (known < VERDICT_MINIMUM.known) {
    gaps.push(
      `Answer ${plural(VERDICT_MINIMUM.known - known, "more core question", "more core questions")}: ${known} of ${total} are answered and a verdict needs at least ${VERDICT_MINIMUM.known}.`,
    );
  }
  return gaps;
}

function costCaveats(recommendation: Recommendation, inputs: Inputs, team: Team): string[] {
  const caveats: string[] = [];
  const kubernetes = recommendation === "managed-kubernetes" || recommendation === "self-managed-kubernetes";
  if (asString(inputs.containerized) === "none" && recommendation !== "compose-and-config-management") {
    caveats.push(
      "Nothing runs in containers yet. Containerize the applications first; it is a project in itself and every option here other than plain configuration management assumes it.",
    );
  }
  if (
    recommendation === "compose-and-config-management" &&
    asBoolean(inputs.configuration_management) === false
  ) {
    caveats.push(
      "Adopt a configuration-management tool (Ansible, Chef, Puppet or Salt) to keep hosts reproducible; it is half of the simpler setup recommended here.",
    );
  }
  if (!kubernetes) return caveats;

  if (team.experience === "none") {
    caveats.push(
      "Plan to learn in stages over months: start with a proof of concept run to production standards on something internal, and expect networking, security, secrets and upgrades each to need study.",
    );
  }
  if (team.engineers !== undefined && team.engineers < 2) {
    caveats.push(
      team.engineers === 0
        ? "Nobody has time set aside for the platform. Teams in the reports needed a couple of people who devote real time to it; the work is too complex to rotate through the whole team."
        : "One dedicated person is a single point of failure: one team's progress stalled for a long time when its key expert was moved to other work. Aim for at least two.",
    );
  }
  if (team.networking === false) {
    caveats.push(
      "Nobody on the team is strong in networking. Pod networking, services, ingress, load balancers and DNS (for example ndots latency) are where clusters most often surprise their owners; bring that skill in early.",
    );
  }
  if (team.stateful === true) {
    caveats.push(
      "Question whether databases and queues belong in the cluster. A managed database outside it keeps the cluster disposable; if you do run state inside, you need tested backups, storage suited to it and startup probes that tolerate slow recovery.",
    );
  }
  if (recommendation === "self-managed-kubernetes") {
    caveats.push(
      "Self-managed clusters carry the full lifecycle: a new minor release roughly every quarter, in-place upgrades risky enough that teams build a new cluster and move workloads instead, and control-plane certificates that must be rotated — expiring certificates crashed one team's cluster twice.",
      "Keep the cluster reproducible from code and back up its secrets: one team rebuilt a crashed cluster from scratch and found configuration and secrets missing.",
    );
  }
  return caveats;
}

function missingCaveat(missing: readonly QuestionId[]): string | undefined {
  if (missing.length === 0) return undefined;
  const names = missing.map((id) => `"${label(id)}"`).join(", ");
  return `${plural(missing.length, "core question is", "core questions are")} unanswered: ${names}. Unanswered questions add no points and nothing is assumed, so the score may understate your need.`;
}

/** Scores whether a team needs Kubernetes, explaining every point. Pure and deterministic. */
export function assessNeedKubernetes(
  answers: Partial<Record<string, AnswerValue>>,
  facts: SnapshotFacts = {},
): NeedKubernetes {
  const inputCaveats: string[] = [];
  const inputs = readInputs(answers, facts, inputCaveats);
  const team = readTeam(inputs);

  const scoring = [...scaleFactors(inputs, facts), ...needFactors(inputs)];
  const raw = BASE_SCORE + scoring.reduce((sum, f) => sum + f.effect, 0);
  const score = Math.min(100, Math.max(0, raw));
  if (score !== raw) {
    scoring.push({
      id: "score_clamp",
      label: "Kept within 0–100",
      effect: score - raw,
      explanation: `The factors above add up to ${raw}; the score is limited to 0–100, so this line brings the total to ${score}.`,
    });
  }

  const missing = coreQuestionIds.filter((id) => inputs[id] === undefined);
  const toVerdict = verdictGaps(missing, coreQuestionIds.length);
  const verdict = toVerdict.length === 0 ? verdictFor(score) : INSUFFICIENT_VERDICT;
  const recommendationCaveats: string[] = [];
  const recommendation =
    verdict === INSUFFICIENT_VERDICT ? null : recommend(verdict, inputs, team, recommendationCaveats);

  const caveats = [
    missingCaveat(missing),
    ...inputCaveats,
    ...recommendationCaveats,
    ...(recommendation ? costCaveats(recommendation, inputs, team) : []),
  ].filter((c): c is string => c !== undefined);

  const knownFacts: NeedKubernetesFact[] = questionIds.flatMap((id) => {
    const input = inputs[id];
    return input ? [{ id, value: input.value, source: input.source }] : [];
  });

  return {
    score,
    verdict,
    recommendation,
    coverage: {
      known: coreQuestionIds.length - missing.length,
      total: coreQuestionIds.length,
      minimum: VERDICT_MINIMUM.known,
    },
    toVerdict,
    factors: [...scoring, ...costFactors(team)],
    caveats,
    missing,
    facts: knownFacts,
  };
}

export const heuristicExplanation = [
  "The need score runs from 0 to 100 and starts at 0. Every point comes from one of the factors listed with the result, and the factors add up exactly to the score; if they would pass 100, a final line caps the total.",
  `Scale adds points in steps: production hosts (up to ${bandMax("production_hosts")}), independently deployed services (up to ${bandMax("services")}), services spread over several hosts (up to ${bandMax("services_multi_host")}) and weekly deploys (up to ${bandMax("deploys_per_week")}). Reaching one practitioner's rule of thumb — about ${RULE_OF_THUMB_HOSTS} or more production VMs with ${RULE_OF_THUMB_MULTI_HOST_SERVICES} or more services each running on several hosts — adds ${RULE_OF_THUMB_POINTS} more; below it, Docker Compose with configuration management such as Ansible or Chef usually suffices. Software already in containers adds up to ${containerizedPoints.all}.`,
  `Each need that Kubernetes answers well adds points: ${needIds.map((id) => `${needWeights[id].label.toLowerCase()} ${needWeights[id].points}`).join(", ")}. Larger scale or an extra need can only raise the score, never lower it.`,
  `A score under ${VERDICT_THRESHOLDS.borderline} means Kubernetes is probably not needed, ${VERDICT_THRESHOLDS.borderline}–${VERDICT_THRESHOLDS.needed - 1} is borderline, and ${VERDICT_THRESHOLDS.needed} or more means it fits.`,
  "Team and hosting answers — people with time for the platform, Kubernetes experience, networking skills, whether a managed service such as GKE, EKS, AKS or DOKS is available, and plans to run databases in the cluster — add no points. They decide the recommendation and the warnings: Kubernetes brings a steep learning curve, a new minor release about every quarter, risky in-place upgrades and control-plane certificates that must never expire, and managed offerings take much of that away.",
  "Not needed leads to Compose plus configuration management. Borderline leads to a managed container platform, unless portability is needed together with at least two other needs, a combination only Kubernetes covers across providers. Needed leads to managed Kubernetes; a self-managed cluster is suggested only when no managed service is available and the team has some Kubernetes experience and at least two people to run it.",
  "Unanswered questions add nothing and are listed, never guessed. When a cluster snapshot is uploaded, its node and workload counts stand in for unanswered host and service counts, and the result says which facts came from where.",
  `There is no verdict until the production host and service counts are known and at least ${VERDICT_MINIMUM.known} core questions are answered; until then the result lists what is missing instead of recommending anything.`,
].join("\n\n");

function bandMax(id: ScaleQuestionId): number {
  return Math.max(...scaleBands[id].map((b) => b.points));
}
