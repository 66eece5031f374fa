import type { K8sObject } from "../types";
import { dig, rec, recs, str, strings } from "../util";
import { matchesSelector, toSelector } from "./selectors";
import type { CheckContext } from "./types";
import type { ContainerInfo, Workload } from "./workloads";

export { isEmptySelector, toMapSelector, toSelector } from "./selectors";

const BINARY: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};
const DECIMAL: Record<string, number> = {
  m: 1e-3,
  "": 1,
  k: 1e3,
  K: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

/** Parses a Kubernetes quantity ("512Mi", "1.5G", "250m", 1e9) into base units; undefined if unreadable. */
export function parseQuantity(v: unknown): number | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  if (typeof v !== "string") return undefined;
  const m = /^\s*([+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|[+-]?\.\d+)\s*([KMGTPE]i|[mkKMGTPE]?)\s*$/.exec(v);
  if (!m) return undefined;
  const value = Number(m[1]);
  const suffix = m[2] ?? "";
  const factor = BINARY[suffix] ?? DECIMAL[suffix];
  return factor === undefined ? undefined : value * factor;
}

export function formatBytes(bytes: number): string {
  const gib = bytes / 2 ** 30;
  if (gib >= 1) return `${Math.round(gib * 100) / 100}Gi`;
  return `${Math.round((bytes / 2 ** 20) * 10) / 10}Mi`;
}

export function resources(c: ContainerInfo, kind: "requests" | "limits"): Record<string, unknown> {
  return rec(rec(c.spec.resources)?.[kind]) ?? {};
}

export function regularContainers(w: Workload): readonly ContainerInfo[] {
  return w.regular;
}

/** Regular and init containers (ephemeral debug containers carry no resources or probes). */
export function runtimeContainers(w: Workload): readonly ContainerInfo[] {
  return w.runtime;
}

/** Container security context merged over the pod's, as the kubelet applies it. */
export function effectiveSecurity(w: Workload, c: ContainerInfo, field: string): unknown {
  const own = rec(c.spec.securityContext)?.[field];
  if (own !== undefined) return own;
  return rec(w.podSpec.securityContext)?.[field];
}

export function containerSecurity(c: ContainerInfo): Record<string, unknown> {
  return rec(c.spec.securityContext) ?? {};
}

export function describe(obj: K8sObject): string {
  return obj.metadata.namespace
    ? `${obj.kind} ${obj.metadata.namespace}/${obj.metadata.name}`
    : `${obj.kind} ${obj.metadata.name}`;
}

export function workloadName(w: Workload): string {
  return describe(w.object);
}

/** Command, args, then the literal values of named env entries: where runtime flags (-Xmx, JAVA_OPTS, …) are set. */
export function commandAndEnvValues(c: ContainerInfo): string[] {
  const texts = strings(c.spec.command).concat(strings(c.spec.args));
  for (const e of recs(c.spec.env)) if (typeof e.value === "string" && str(e.name)) texts.push(e.value);
  return texts;
}

/**
 * Whether `test` holds for one of commandAndEnvValues(c). Walks the fields rather than building that list:
 * checks ask this of every container, and few of them carry runtime flags.
 */
export function someCommandOrEnvValue(c: ContainerInfo, test: (text: string) => boolean): boolean {
  for (const t of strings(c.spec.command)) if (test(t)) return true;
  for (const t of strings(c.spec.args)) if (test(t)) return true;
  for (const e of recs(c.spec.env))
    if (typeof e.value === "string" && str(e.name) && test(e.value)) return true;
  return false;
}

/** Repository part of an image reference, lower-cased, without registry host, tag or digest. */
export function imageRepository(image: string): string {
  let s = image.trim().toLowerCase();
  const at = s.indexOf("@");
  if (at >= 0) s = s.slice(0, at);
  const slash = s.lastIndexOf("/");
  const colon = s.lastIndexOf(":");
  if (colon > slash) s = s.slice(0, colon);
  const parts = s.split("/");
  const first = parts[0] ?? "";
  if (parts.length > 1 && (first.includes(".") || first.includes(":") || first === "localhost"))
    parts.shift();
  return parts.join("/");
}

// Segments of image repositories, by image: a cluster runs a few hundred distinct images in thousands of
// containers, and several checks ask about each. Bounded so that a hostile upload cannot grow it.
const SEGMENTS = new Map<string, readonly string[]>();
const SEGMENTS_LIMIT = 10_000;

/** Whether any `/`-separated segment of the repository starts with one of the given names. */
export function imageMatches(image: string, names: readonly string[]): string | undefined {
  let segments = SEGMENTS.get(image);
  if (segments === undefined) {
    if (SEGMENTS.size >= SEGMENTS_LIMIT) SEGMENTS.clear();
    SEGMENTS.set(image, (segments = imageRepository(image).split("/")));
  }
  for (const seg of segments) {
    for (const n of names) {
      // seg === n, or seg starts with `${n}-`
      if (seg.startsWith(n) && (seg.length === n.length || seg.charCodeAt(n.length) === 45)) return n;
    }
  }
  return undefined;
}

/**
 * The snapshot covers a whole cluster's workloads (Nodes next to workloads, or live kube-system workloads),
 * so the absence of something cluster-wide (an agent, a controller) means something.
 */
export function isWholeCluster(ctx: CheckContext): boolean {
  if (ctx.workloads.length === 0) return false;
  return (
    ctx.facts.nodeCount > 0 || (ctx.facts.isLive && ctx.workloads.some((w) => w.namespace === "kube-system"))
  );
}

export const WHOLE_CLUSTER_ONLY =
  "not a whole-cluster snapshot (no Nodes or live kube-system workloads next to the workloads)";

/** Images of every container of every workload, for cluster-wide "is X installed" questions. */
export function workloadImages(ctx: CheckContext): { w: Workload; image: string }[] {
  const out: { w: Workload; image: string }[] = [];
  for (const w of ctx.workloads) {
    for (const c of w.containers) {
      const image = str(c.spec.image);
      if (image) out.push({ w, image });
    }
  }
  return out;
}

export const HOSTNAME_KEY = "kubernetes.io/hostname";
/** Zone topology keys: the current one and the label nodes carried before Kubernetes 1.17. */
export const ZONE_KEYS: ReadonlySet<string> = new Set([
  "topology.kubernetes.io/zone",
  "failure-domain.beta.kubernetes.io/zone",
]);

export interface Spread {
  key: string;
  how: "topology spread" | "anti-affinity";
  path: string;
}

/**
 * Whether a spread constraint's or anti-affinity term's selector picks the workload's own pods, so that the
 * scheduler keeps those pods apart. No selector selects no pod (the scheduler counts nothing); labels named in
 * mismatchLabelKeys exclude the pod's own value, hence its siblings.
 */
function selectsOwnPods(w: Workload, term: Record<string, unknown>, namespaced: boolean): boolean {
  const selector = toSelector(term.labelSelector);
  if (!selector || !matchesSelector(w.podLabels, selector)) return false;
  for (const k of strings(term.mismatchLabelKeys)) if (w.podLabels[k] !== undefined) return false;
  if (namespaced && w.namespace !== undefined && term.namespaceSelector === undefined) {
    const namespaces = strings(term.namespaces);
    if (namespaces.length > 0 && !namespaces.includes(w.namespace)) return false;
  }
  return true;
}

/**
 * Topology keys over which the workload's own pods are spread: topologySpreadConstraints and pod
 * anti-affinity terms (required or preferred) whose selector matches the pod template's labels.
 */
export function ownSpreads(w: Workload): Spread[] {
  const out: Spread[] = [];
  recs(w.podSpec.topologySpreadConstraints).forEach((t, i) => {
    const key = str(t.topologyKey);
    if (key && selectsOwnPods(w, t, false))
      out.push({ key, how: "topology spread", path: `${w.podSpecPath}.topologySpreadConstraints[${i}]` });
  });
  const anti = rec(dig(w.podSpec, "affinity", "podAntiAffinity"));
  if (!anti) return out;
  for (const [field, nested] of [
    ["requiredDuringSchedulingIgnoredDuringExecution", false],
    ["preferredDuringSchedulingIgnoredDuringExecution", true],
  ] as const) {
    recs(anti[field]).forEach((entry, i) => {
      const term = nested ? rec(entry.podAffinityTerm) : entry;
      const key = str(term?.topologyKey);
      if (term && key && selectsOwnPods(w, term, true))
        out.push({
          key,
          how: "anti-affinity",
          path: `${w.podSpecPath}.affinity.podAntiAffinity.${field}[${i}]`,
        });
    });
  }
  return out;
}
