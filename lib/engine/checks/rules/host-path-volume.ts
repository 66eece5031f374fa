import { recs, rec, str } from "../../util";
import type { Check, Outcome } from "../types";
import { refOf } from "../workloads";
import { outcome } from "../outcome";

export const hostPathVolume: Check = {
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
  evaluate(ctx) {
    const out: Outcome[] = [];
    for (const w of ctx.workloads) {
      // A loop rather than flatMap: most pod specs have no hostPath volume, and then no array is made.
      let paths: string[] | undefined;
      for (const v of recs(w.podSpec.volumes)) {
        const hp = rec(v.hostPath);
        if (hp) (paths ??= []).push(`${str(v.name) ?? "?"} (${str(hp.path) ?? "?"})`);
      }
      const object = refOf(w.object, { path: `${w.podSpecPath}.volumes` });
      out.push(
        paths
          ? outcome("fail", `hostPath volumes: ${paths.join(", ")}`, object)
          : outcome("pass", "no hostPath volumes", object),
      );
    }
    return out;
  },
};
