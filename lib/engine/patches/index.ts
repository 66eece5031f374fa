// Copyable fixes for failing results whose fix is mechanical: a strategic-merge patch for the object
// (the pod template of a workload, each container by name, init containers under initContainers) and
// the `kubectl patch` line that applies it, or a new manifest (a PodDisruptionBudget) and its
// `kubectl apply` line. Pure: no I/O, so the CLI, the web app and tests share it.
//
// Values that need a human decision are never invented: they are placeholders written `<…>` (how
// much CPU and memory, which image tag, which non-root UID) and listed in `placeholders`, so the page says
// what to fill in before applying. Values derived by a stated rule:
// - probes: a TCP check of the container's first declared port (the one thing known to listen; an HTTP
//   path would be a guess); readiness every 10 s, liveness every 20 s with failureThreshold 3 and an
//   initial delay of 15 s, so the two differ (probes-identical) and liveness is the more tolerant;
//   no patch for a container without a declared port;
// - PodDisruptionBudget: maxUnavailable 1 over the workload's own selector (never blocks a drain of a
//   workload with two or more replicas, see pdb-blocks-eviction);
// - securityContext: the restrictive value the check asks for (runAsNonRoot true, readOnlyRootFilesystem
//   true, allowPrivilegeEscalation false, capabilities drop ALL, seccomp RuntimeDefault) on each failing
//   container.
// Patches are made for built-in kinds whose pod template can be patched in place (Deployment,
// StatefulSet, DaemonSet, ReplicaSet, ReplicationController, CronJob, PodTemplate): a Pod's spec is
// immutable (fix its owner), a Job's template is immutable, and custom resources take no strategic merge.
import { stringify } from "yaml";
import { toWorkload, type ContainerInfo, type Workload } from "../checks/workloads";
import type { K8sObject } from "../types";
import { dig, rec, recs, str } from "../util";

export interface Patch {
  checkId: string;
  /** What applying it changes, in a sentence. */
  summary: string;
  type: "strategic-merge" | "manifest";
  /** The patch body (strategic merge) or the new object (manifest). */
  body: Record<string, unknown>;
  /** The body as YAML, for reading and copying. */
  yaml: string;
  /** The shell command that applies it. */
  command: string;
  /** Decisions left to a person: each appears in the YAML as `<…>` and must be replaced first. */
  placeholders: string[];
}

/** A failing result of the object, as the patches need it. */
export interface FailingResult {
  checkId: string;
  container?: string;
  concern?: string;
}

const PATCHABLE_KINDS = new Set([
  "Deployment",
  "StatefulSet",
  "DaemonSet",
  "ReplicaSet",
  "ReplicationController",
  "CronJob",
  "PodTemplate",
]);

/** The checks a patch can be generated for (the object page says so for the others). */
export const PATCHED_CHECKS: readonly string[] = [
  "resource-requests",
  "resource-limits",
  "readiness-probe",
  "liveness-probe",
  "run-as-non-root",
  "read-only-root-filesystem",
  "privilege-escalation",
  "capabilities-drop-all",
  "seccomp-profile",
  "service-account-token-automount",
  "image-tag-pinned",
  "pdb-coverage",
];

/** `spec.template.spec` → { spec: { template: { spec: inner } } }. */
function atPath(path: string, inner: Record<string, unknown>): Record<string, unknown> {
  return path
    .split(".")
    .reverse()
    .reduce<Record<string, unknown>>((acc, key) => ({ [key]: acc }), inner);
}

/** A pod-spec fragment patching the named containers (merged by name under containers/initContainers). */
function containerPatch(
  w: Workload,
  containers: readonly ContainerInfo[],
  patchOf: (c: ContainerInfo) => Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  const regular: Record<string, unknown>[] = [];
  const init: Record<string, unknown>[] = [];
  for (const c of containers) {
    const fields = patchOf(c);
    if (!fields) continue;
    const entry = { name: c.name, ...fields };
    if (c.type === "container") regular.push(entry);
    else if (c.type === "initContainer") init.push(entry);
  }
  if (regular.length === 0 && init.length === 0) return undefined;
  return atPath(w.podSpecPath, {
    ...(regular.length > 0 ? { containers: regular } : {}),
    ...(init.length > 0 ? { initContainers: init } : {}),
  });
}

/** Single-quotes a shell word (the patch JSON), closing and reopening around embedded quotes. */
function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function patchCommand(obj: K8sObject, body: Record<string, unknown>): string {
  const ns = obj.metadata.namespace ? ` -n ${obj.metadata.namespace}` : "";
  return `kubectl patch ${obj.kind.toLowerCase()} ${obj.metadata.name}${ns} --type strategic -p ${shellQuote(JSON.stringify(body))}`;
}

const firstPort = (c: ContainerInfo): number | string | undefined => {
  for (const p of recs(c.spec.ports)) {
    const port = p.containerPort;
    if (typeof port === "number" || typeof port === "string") return port;
  }
  return undefined;
};

interface Draft {
  summary: string;
  body: Record<string, unknown> | undefined;
  placeholders?: string[];
  manifest?: boolean;
}

function draftFor(
  checkId: string,
  w: Workload,
  failing: readonly FailingResult[],
  containerNamed: (name: string | undefined) => ContainerInfo | undefined,
): Draft | undefined {
  const failingContainers = [
    ...new Set(failing.map((f) => containerNamed(f.container)).filter((c) => c !== undefined)),
  ];
  const concernsOf = (c: ContainerInfo) =>
    new Set(failing.filter((f) => f.container === c.name).map((f) => f.concern));
  const securityContext = (fields: Record<string, unknown>, summary: string): Draft => ({
    summary,
    body: containerPatch(w, failingContainers, () => ({ securityContext: fields })),
  });
  switch (checkId) {
    case "resource-requests":
    case "resource-limits": {
      const kind = checkId === "resource-requests" ? "requests" : "limits";
      const singular = kind === "requests" ? "request" : "limit";
      const placeholders: string[] = [];
      const body = containerPatch(w, failingContainers, (c) => {
        const values: Record<string, string> = {};
        for (const concern of ["cpu", "memory"] as const) {
          if (!concernsOf(c).has(concern)) continue;
          const label = `${concern} ${singular} of ${c.name}`;
          values[concern] = `<${label}>`;
          placeholders.push(label);
        }
        return { resources: { [kind]: values } };
      });
      return {
        summary: `Sets the missing CPU and memory ${kind} (sizes are yours to choose, e.g. from observed usage).`,
        body,
        placeholders,
      };
    }
    case "readiness-probe": {
      const serving = w.regular.filter((c) => firstPort(c) !== undefined && !c.spec.readinessProbe);
      return {
        summary: "Adds a TCP readiness probe on each serving container's first port, checked every 10 s.",
        body: containerPatch(w, serving, (c) => ({
          readinessProbe: { tcpSocket: { port: firstPort(c) }, periodSeconds: 10 },
        })),
      };
    }
    case "liveness-probe":
      return {
        summary:
          "Adds a TCP liveness probe on the container's first port, more tolerant than readiness (every 20 s, 3 failures, after 15 s).",
        body: containerPatch(w, failingContainers, (c) => {
          const port = firstPort(c);
          return port === undefined
            ? undefined
            : {
                livenessProbe: {
                  tcpSocket: { port },
                  initialDelaySeconds: 15,
                  periodSeconds: 20,
                  failureThreshold: 3,
                },
              };
        }),
      };
    case "run-as-non-root": {
      const placeholders: string[] = [];
      const body = containerPatch(w, failingContainers, (c) => {
        const root =
          dig(c.spec, "securityContext", "runAsUser") === 0 ||
          (dig(c.spec, "securityContext", "runAsUser") === undefined &&
            dig(w.podSpec, "securityContext", "runAsUser") === 0);
        if (!root) return { securityContext: { runAsNonRoot: true } };
        const label = `non-root UID for ${c.name}`;
        placeholders.push(label);
        return { securityContext: { runAsNonRoot: true, runAsUser: `<${label}>` } };
      });
      return {
        summary: "Requires a non-root user (the image must define one, or set runAsUser).",
        body,
        placeholders,
      };
    }
    case "read-only-root-filesystem":
      return securityContext(
        { readOnlyRootFilesystem: true },
        "Makes the root filesystem read-only (mount an emptyDir where the app must write).",
      );
    case "privilege-escalation":
      return securityContext(
        { allowPrivilegeEscalation: false },
        "Forbids gaining more privileges than the parent process (setuid binaries).",
      );
    case "capabilities-drop-all":
      return securityContext(
        { capabilities: { drop: ["ALL"] } },
        "Drops every Linux capability (add back only the ones the app needs under capabilities.add).",
      );
    case "seccomp-profile":
      return securityContext(
        { seccompProfile: { type: "RuntimeDefault" } },
        "Runs the containers under the container runtime's default seccomp profile.",
      );
    case "service-account-token-automount":
      return {
        summary: "Stops mounting the service account's API token into the pods.",
        body: atPath(w.podSpecPath, { automountServiceAccountToken: false }),
      };
    case "image-tag-pinned": {
      const placeholders: string[] = [];
      const body = containerPatch(w, failingContainers, (c) => {
        const image = str(c.spec.image);
        if (!image) return undefined;
        const label = `version tag of ${repositoryOf(image)}`;
        placeholders.push(label);
        return { image: `${repositoryOf(image)}:<${label}>` };
      });
      return {
        summary: "Pins the image to a version tag (or write @sha256:… for a digest).",
        body,
        placeholders,
      };
    }
    case "pdb-coverage": {
      const selector = rec(dig(w.object, "spec", "selector")) ?? { matchLabels: w.podLabels };
      if (Object.keys(selector).length === 0) return undefined;
      return {
        summary: "Creates a PodDisruptionBudget letting one pod at a time be evicted during node drains.",
        manifest: true,
        body: {
          apiVersion: "policy/v1",
          kind: "PodDisruptionBudget",
          metadata: {
            name: w.name,
            ...(w.namespace !== undefined ? { namespace: w.namespace } : {}),
          },
          spec: { maxUnavailable: 1, selector },
        },
      };
    }
  }
  return undefined;
}

/** The image reference without its tag (a digest-pinned image never fails image-tag-pinned). */
function repositoryOf(image: string): string {
  const lastSlash = image.lastIndexOf("/");
  const colon = image.indexOf(":", lastSlash + 1);
  return colon === -1 ? image : image.slice(0, colon);
}

/**
 * The patches that fix the object's failing results, one per check that has a mechanical fix. Results
 * of other checks, of ephemeral containers and of kinds that cannot be patched in place give none.
 */
export function patchesFor(obj: K8sObject, failing: readonly FailingResult[]): Patch[] {
  if (!PATCHABLE_KINDS.has(obj.kind)) return [];
  const w = toWorkload(obj);
  if (!w?.hasPodSpec) return [];
  const byName = new Map(w.containers.map((c) => [c.name, c]));
  const containerNamed = (name: string | undefined) => (name === undefined ? undefined : byName.get(name));
  const byCheck = new Map<string, FailingResult[]>();
  for (const f of failing) {
    const list = byCheck.get(f.checkId);
    if (list) list.push(f);
    else byCheck.set(f.checkId, [f]);
  }
  const out: Patch[] = [];
  for (const [checkId, results] of byCheck) {
    const draft = draftFor(checkId, w, results, containerNamed);
    if (!draft?.body) continue;
    const yaml = stringify(draft.body);
    out.push({
      checkId,
      summary: draft.summary,
      type: draft.manifest ? "manifest" : "strategic-merge",
      body: draft.body,
      yaml,
      command: draft.manifest ? `kubectl apply -f - <<'EOF'\n${yaml}EOF` : patchCommand(obj, draft.body),
      placeholders: draft.placeholders ?? [],
    });
  }
  return out;
}
