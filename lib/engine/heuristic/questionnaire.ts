import { z } from "zod";

// The questionnaire behind "Do we need Kubernetes?". Question ids marked `core` are a public API contract
// (DESIGN.md §3): never rename them, only add new ones. Help texts condense lessons from the five
// experience reports in shared/seeds.

export type ChoiceOption = { readonly value: string; readonly label: string };

type QuestionBase = {
  readonly id: string;
  readonly label: string;
  readonly help: string;
  /** Core questions are the DESIGN.md §3 contract; the heuristic reports them in `missing` when unanswered. */
  readonly core: boolean;
};

export type IntegerQuestion = QuestionBase & {
  readonly type: "integer";
  readonly min: number;
  readonly max: number;
  readonly unit?: string;
};
export type BooleanQuestion = QuestionBase & { readonly type: "boolean" };
export type ChoiceQuestion = QuestionBase & {
  readonly type: "choice";
  readonly options: readonly ChoiceOption[];
};
export type Question = IntegerQuestion | BooleanQuestion | ChoiceQuestion;

export type QuestionnaireSection = {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly questions: readonly Question[];
};

export const questionnaire = [
  {
    id: "scale",
    title: "Your scale today",
    description:
      "How much you run in production right now. Orchestration pays off with many services spread over many machines; below that, simpler tools usually win.",
    questions: [
      {
        id: "production_hosts",
        label: "How many production servers or VMs do you run?",
        help: "Count the machines that serve production traffic or jobs today, not the ones you plan to add. One engineer's rule of thumb: below roughly ten production VMs, Compose plus a configuration-management tool is usually enough.",
        type: "integer",
        min: 0,
        max: 100_000,
        unit: "hosts",
        core: true,
      },
      {
        id: "services",
        label: "How many applications or services do you deploy independently?",
        help: "Anything with its own release cycle counts: web apps, APIs, workers, internal tools. A platform starts saving repeated deployment work at around five or more.",
        type: "integer",
        min: 0,
        max: 10_000,
        unit: "services",
        core: true,
      },
      {
        id: "services_multi_host",
        label: "How many of those services run on more than one host?",
        help: "Services spread over several machines need placement, load balancing and coordinated rollouts — the job an orchestrator automates. Services pinned to a single host don't.",
        type: "integer",
        min: 0,
        max: 10_000,
        unit: "services",
        core: true,
      },
      {
        id: "containerized",
        label: "How much of your software already runs in containers?",
        help: "Kubernetes schedules containers, so containerizing comes first. The teams in our sources moved their services to Docker before they chose an orchestrator.",
        type: "choice",
        options: [
          { value: "none", label: "None yet" },
          { value: "some", label: "Some services" },
          { value: "all", label: "All or nearly all" },
        ],
        core: true,
      },
      {
        id: "deploys_per_week",
        label: "How many production deployments do you make in a typical week?",
        help: "Across all services. Frequent deploys reward automated, declarative rollouts with quick rollback; a deploy a month can be done carefully by hand.",
        type: "integer",
        min: 0,
        max: 100_000,
        unit: "deploys per week",
        core: true,
      },
    ],
  },
  {
    id: "needs",
    title: "What you need from the platform",
    description:
      "The problems Kubernetes is good at solving. Answer yes only for needs you have today, not ones that would merely be nice — one team admits adopting Kubernetes before it had the problems it solves.",
    questions: [
      {
        id: "needs_zero_downtime_deploys",
        label: "Must deployments happen without downtime?",
        help: "Rolling updates that wait for readiness checks are built into Kubernetes. Bear in mind that two versions then serve traffic side by side for a while; one team added blue-green switching to avoid that.",
        type: "boolean",
        core: true,
      },
      {
        id: "needs_autoscaling",
        label: "Does your traffic swing enough to need autoscaling?",
        help: "Say yes for volatile traffic or known peaks (holidays, campaigns). Pod and cluster autoscaling let one team run far fewer instances, but it only works with well-tuned resource requests, and steep peaks may still need scaling up ahead of time.",
        type: "boolean",
        core: true,
      },
      {
        id: "needs_high_availability",
        label: "Must services stay up when a machine fails?",
        help: "Replicas spread across nodes and automatic restarts keep services running through node loss. One author's clusters survived lost nodes and network outages with no one touching them.",
        type: "boolean",
        core: true,
      },
      {
        id: "needs_preview_environments",
        label: "Do you want a temporary environment for each branch or pull request?",
        help: "Per-branch (preview) environments are cheap to create and tear down on Kubernetes with namespaces and templated manifests; they were one of the original reasons a team picked it.",
        type: "boolean",
        core: true,
      },
      {
        id: "needs_scheduled_jobs",
        label: "Do you run scheduled or batch work (cron, ETL, reports)?",
        help: "Jobs and CronJobs run on the same platform as your services. Give them resource limits or their own nodes: an ETL job once used up the memory of a node shared with production and took a site down.",
        type: "boolean",
        core: true,
      },
      {
        id: "needs_portability",
        label: "Must the same setup run on several clouds, on-premises, or on a laptop?",
        help: "Kubernetes offers one API on every major cloud, in your data centre and locally. Weigh it honestly: one team found staying vendor-neutral too costly and went all-in on a single provider.",
        type: "boolean",
        core: true,
      },
    ],
  },
  {
    id: "team",
    title: "Your team",
    description:
      "Running Kubernetes well takes people and skills. These answers don't change whether you need it; they decide how you should get it.",
    questions: [
      {
        id: "platform_engineers",
        label: "How many people can dedicate real time to running the platform?",
        help: "Count people who will own upgrades, certificates and incidents, even part-time. One team needed a couple of dedicated go-to experts and found the work impossible to rotate through the whole team.",
        type: "integer",
        min: 0,
        max: 10_000,
        unit: "people",
        core: true,
      },
      {
        id: "kubernetes_experience",
        label: "How much Kubernetes experience does the team have?",
        help: "The gap between a local Minikube and production is large: networking, security, secrets and upgrades all need learning. Expect months of learning in stages, not a sprint.",
        type: "choice",
        options: [
          { value: "none", label: "None" },
          { value: "learning", label: "Learning or proof of concept" },
          { value: "production", label: "Has run it in production" },
        ],
        core: true,
      },
      {
        id: "networking_expertise",
        label: "Is someone strong in networking on the team?",
        help: "Cluster networking (pod network, services, ingress, load balancers, DNS) is where first-time teams get stuck. One team's progress stalled when its networking expert was moved to other work.",
        type: "boolean",
        core: true,
      },
      {
        id: "configuration_management",
        label: "Do you already manage your hosts with configuration management?",
        help: "Ansible, Chef, Puppet or Salt. Combined with Docker Compose, it is the simpler alternative the reports suggest below the scale where Kubernetes pays off.",
        type: "boolean",
        core: false,
      },
    ],
  },
  {
    id: "hosting",
    title: "Hosting and data",
    description:
      "Where the cluster would run and what it would hold. Managed offerings take away much of the operational burden.",
    questions: [
      {
        id: "managed_kubernetes_available",
        label: "Could you use a managed Kubernetes service (GKE, EKS, AKS, DOKS or similar)?",
        help: "Managed services run the control plane for you, including its certificates and much of the upgrade work. Several authors who began self-managed recommend starting managed; one team called the move several times better.",
        type: "boolean",
        core: true,
      },
      {
        id: "stateful_workloads_in_cluster",
        label: "Do you plan to run databases or queues inside the cluster?",
        help: "Possible, but question it. Managed databases outside the cluster bring specialised expertise; in-cluster state needs backups, suitable storage and patient startup probes for slow recoveries.",
        type: "boolean",
        core: true,
      },
    ],
  },
] as const satisfies readonly QuestionnaireSection[];

type AnyQuestion = (typeof questionnaire)[number]["questions"][number];
export type QuestionId = AnyQuestion["id"];
export type CoreQuestionId = Extract<AnyQuestion, { core: true }>["id"];

export const allQuestions: readonly Question[] = questionnaire.flatMap(
  (s): readonly Question[] => s.questions,
);
const questionsById: ReadonlyMap<string, Question> = new Map(allQuestions.map((q) => [q.id, q]));

function isQuestionId(id: string): id is QuestionId {
  return questionsById.has(id);
}

/** Every question id in questionnaire order. */
export const questionIds: readonly QuestionId[] = allQuestions.map((q) => q.id).filter(isQuestionId);

/** The DESIGN.md §3 contract ids, in questionnaire order. */
export const coreQuestionIds: readonly CoreQuestionId[] = allQuestions
  .filter((q) => q.core)
  .map((q) => q.id)
  .filter((id): id is CoreQuestionId => isQuestionId(id));

export function getQuestion(id: string): Question | undefined {
  return questionsById.get(id);
}

/** A stored answer. `null` means the user cleared the answer; it counts as unanswered. */
export const ZAnswerValue = z.union([z.number(), z.boolean(), z.string(), z.null()]);
export type AnswerValue = z.infer<typeof ZAnswerValue>;

export type Answers = Partial<Record<QuestionId, AnswerValue>>;

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
  return Array.isArray(value) ? "a list" : `a value of type ${typeof value}`;
}

function schemaFor(question: Question): z.ZodType<number | boolean | string> {
  switch (question.type) {
    case "integer": {
      const error = (issue: { input?: unknown }) =>
        `Expected a whole number from ${question.min} to ${question.max}, got ${describe(issue.input)}.`;
      return z.number({ error }).int({ error }).min(question.min, { error }).max(question.max, { error });
    }
    case "boolean":
      return z.boolean({ error: (issue) => `Expected true or false, got ${describe(issue.input)}.` });
    case "choice": {
      const values = question.options.map((o) => o.value);
      return z.literal(values, {
        error: (issue) => `Expected one of ${values.join(", ")}, got ${describe(issue.input)}.`,
      });
    }
  }
}

const schemasById: ReadonlyMap<string, z.ZodType<number | boolean | string>> = new Map(
  allQuestions.map((q) => [q.id, schemaFor(q)]),
);

export type ParseAnswerResult = { ok: true; value: AnswerValue } | { ok: false; message: string };

/** Validates one answer against its question. `null` is accepted and means "cleared". */
export function parseAnswer(questionId: string, value: unknown): ParseAnswerResult {
  const schema = schemasById.get(questionId);
  if (!schema) return { ok: false, message: `Unknown question id ${JSON.stringify(questionId)}.` };
  if (value === null) return { ok: true, value: null };
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, message: result.error.issues[0]?.message ?? "Invalid answer." };
}

/** A whole answer record (e.g. a PUT body): known ids only, each value valid for its question. */
export const ZAnswers = z
  .record(z.string(), z.unknown())
  .superRefine((record, ctx) => {
    for (const [id, value] of Object.entries(record)) {
      const parsed = parseAnswer(id, value);
      if (!parsed.ok) ctx.addIssue({ code: "custom", path: [id], message: parsed.message, input: value });
    }
  })
  .transform((record): Answers => {
    const answers: Answers = {};
    for (const [id, value] of Object.entries(record)) {
      const parsed = parseAnswer(id, value);
      if (parsed.ok && isQuestionId(id)) answers[id] = parsed.value;
    }
    return answers;
  });

function isAnswered(answers: Partial<Record<string, unknown>>, id: string): boolean {
  const value = answers[id];
  return value !== undefined && value !== null && parseAnswer(id, value).ok;
}

/** Number of questions with a valid, non-cleared answer. Unknown ids and invalid values don't count. */
export function answeredCount(answers: Partial<Record<string, unknown>>): number {
  return questionIds.filter((id) => isAnswered(answers, id)).length;
}

export type QuestionnaireProgress = {
  answered: number;
  total: number;
  coreAnswered: number;
  coreTotal: number;
  /** Share of all questions answered, 0–100, rounded down so 100 means truly complete. */
  percent: number;
};

export function questionnaireProgress(answers: Partial<Record<string, unknown>>): QuestionnaireProgress {
  const answered = answeredCount(answers);
  const total = questionIds.length;
  return {
    answered,
    total,
    coreAnswered: coreQuestionIds.filter((id) => isAnswered(answers, id)).length,
    coreTotal: coreQuestionIds.length,
    percent: Math.floor((answered / total) * 100),
  };
}
