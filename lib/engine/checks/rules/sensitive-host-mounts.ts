import { dig, recs, str } from "../../util";
import type { Workload } from "../workloads";
import { defineCheck } from "../define";

const RUNTIME_SOCKETS = [
  "/var/run/docker.sock",
  "/run/docker.sock",
  "/var/run/containerd/containerd.sock",
  "/run/containerd/containerd.sock",
  "/var/run/crio/crio.sock",
  "/run/crio/crio.sock",
  "/var/run/cri-dockerd.sock",
];
const SENSITIVE = [
  "/",
  "/etc",
  "/root",
  "/boot",
  "/dev",
  "/var/lib/kubelet",
  "/var/lib/docker",
  "/etc/kubernetes",
  "/var/run",
  "/run",
];
/** Read-only mounts of these are what metrics agents (node-exporter, cAdvisor) legitimately need. */
const READ_ONLY_OK = ["/proc", "/sys"];

function normalize(p: string): string {
  const s = p.replace(/\/+$/, "");
  return s === "" ? "/" : s;
}

/** The hostPath volumes of a pod spec; undefined (no array) for the many that have none. */
function hostPaths(w: Workload): { i: number; name: string; path: string }[] | undefined {
  const volumes = recs(w.podSpec.volumes);
  let host: { i: number; name: string; path: string }[] | undefined;
  for (let i = 0; i < volumes.length; i++) {
    const v = volumes[i] as Record<string, unknown>;
    const path = str(dig(v, "hostPath", "path"));
    if (path) (host ??= []).push({ i, name: str(v.name) ?? "", path: normalize(path) });
  }
  return host;
}

export const sensitiveHostMounts = defineCheck({
  id: "sensitive-host-mounts",
  title: "Pods do not mount the container runtime socket or sensitive host paths",
  category: "security",
  severity: "critical",
  rationale:
    "Mounting the container runtime socket hands over the node: the pod can start privileged containers " +
    "next to it. Mounting /, /etc, /var/lib/kubelet or /dev exposes node credentials and devices. Unlike " +
    "kube-linter, read-only mounts of /proc and /sys (what node exporters need) are accepted here, and any " +
    "writable mount of them is reported.",
  remediation:
    "Remove the hostPath volume; for builds use a rootless builder (BuildKit rootless, kaniko); give " +
    "agents read-only mounts of the narrowest path.",
  references: ["https://kubernetes.io/docs/concepts/storage/volumes/#hostpath"],
  scope: { type: "workload" },
  applies: (w) => hostPaths(w) !== undefined,
  run(w, ctx) {
    const host = hostPaths(w) ?? [];
    // A volume counts as read-only when every container mounting it does so read-only.
    const writable = new Set<string>();
    for (const c of w.containers) {
      for (const m of recs(c.spec.volumeMounts)) if (m.readOnly !== true) writable.add(str(m.name) ?? "");
    }
    const bad: { i: number; what: string; critical: boolean }[] = [];
    for (const h of host) {
      if (RUNTIME_SOCKETS.includes(h.path))
        bad.push({ i: h.i, what: `container runtime socket ${h.path}`, critical: true });
      else if (SENSITIVE.includes(h.path))
        bad.push({ i: h.i, what: `host path ${h.path}`, critical: h.path === "/" });
      else if (READ_ONLY_OK.some((p) => h.path === p || h.path.startsWith(`${p}/`)) && writable.has(h.name))
        bad.push({ i: h.i, what: `writable host path ${h.path}`, critical: false });
    }
    const first = bad[0];
    if (first)
      ctx.fail(`mounts ${bad.map((b) => b.what).join(", ")}`, {
        field: `volumes[${first.i}].hostPath`,
        severity: bad.some((b) => b.critical) ? "critical" : "high",
      });
    else ctx.pass(`host paths ${host.map((h) => h.path).join(", ")} are not sensitive`);
  },
});
