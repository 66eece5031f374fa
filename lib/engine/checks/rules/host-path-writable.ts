import { dig, rec, recs, str } from "../../util";
import type { Workload } from "../workloads";
import { defineCheck } from "../define";

// hostPath volumes by pod spec: every container of the pod asks.
const HOST_PATHS = new WeakMap<Workload, Map<string, string>>();

/** hostPath volumes of the container's pod: volume name → host path. */
function hostPathVolumes(w: Workload): Map<string, string> {
  let out = HOST_PATHS.get(w);
  if (!out) {
    out = new Map();
    for (const v of recs(w.podSpec.volumes)) {
      const name = str(v.name);
      if (name && rec(v.hostPath)) out.set(name, str(dig(v, "hostPath", "path")) ?? "?");
    }
    HOST_PATHS.set(w, out);
  }
  return out;
}

export const hostPathWritable = defineCheck({
  id: "host-path-writable",
  title: "Containers mount host paths read-only",
  category: "security",
  severity: "high",
  rationale:
    "A writable hostPath mount lets the container change files on the node itself: plant a binary or a " +
    "static pod manifest, rewrite a config the kubelet or another pod reads, or fill the node's disk. Where " +
    "a node agent truly needs a host path (host-path-volume reports every one), reading it is nearly always " +
    "enough. Each container that mounts a hostPath volume is judged by its own volumeMounts, as " +
    "kube-linter's writable-host-mount does; ephemeral debug containers too.",
  remediation:
    "Set readOnly: true on the volumeMount (or mount a narrower path read-only); give write access only to " +
    "agents that must write there (a CSI driver, a log shipper's position file) and exempt them with a " +
    "reason.",
  references: ["https://kubernetes.io/docs/concepts/storage/volumes/#hostpath"],
  scope: { type: "container", containers: "all" },
  applies: (c) => recs(c.workload.podSpec.volumes).some((v) => rec(v.hostPath) !== undefined),
  run(c, ctx) {
    const host = hostPathVolumes(c.workload);
    const mounts = recs(c.spec.volumeMounts);
    const writable: string[] = [];
    const readOnly: string[] = [];
    let first: number | undefined;
    for (let i = 0; i < mounts.length; i++) {
      const m = mounts[i] as Record<string, unknown>;
      const path = host.get(str(m.name) ?? "");
      if (path === undefined) continue;
      if (m.readOnly === true) readOnly.push(path);
      else {
        first ??= i;
        writable.push(path);
      }
    }
    if (writable.length > 0)
      ctx.fail(`mounts host path ${writable.join(", ")} writable`, { field: `volumeMounts[${first ?? 0}]` });
    else if (readOnly.length > 0) ctx.pass(`mounts host path ${readOnly.join(", ")} read-only`);
  },
});
