import { recs, rec, str } from "../../util";
import { defineCheck } from "../define";

export const hostPathVolume = defineCheck({
  id: "host-path-volume",
  title: "Pods do not mount hostPath volumes",
  category: "security",
  severity: "high",
  rationale:
    "A hostPath volume exposes the node's filesystem to the pod; writable mounts of paths such as / or the " +
    "container runtime socket hand over the node. Data written there also ties the pod to one node.",
  remediation:
    "Use emptyDir, ConfigMap/Secret, or PersistentVolumeClaims. Where a node agent truly needs a host path, " +
    "mount it readOnly and exempt the workload with a reason.",
  references: ["https://kubernetes.io/docs/concepts/storage/volumes/#hostpath"],
  scope: { type: "workload" },
  run(w, ctx) {
    // A loop rather than flatMap: most pod specs have no hostPath volume, and then no array is made.
    let paths: string[] | undefined;
    for (const v of recs(w.podSpec.volumes)) {
      const hp = rec(v.hostPath);
      if (hp) (paths ??= []).push(`${str(v.name) ?? "?"} (${str(hp.path) ?? "?"})`);
    }
    const at = { field: "volumes" };
    if (paths) ctx.fail(`hostPath volumes: ${paths.join(", ")}`, at);
    else ctx.pass("no hostPath volumes", at);
  },
});
