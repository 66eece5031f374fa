import { num, recs } from "../../util";
import { perContainer, regularContainers } from "../helpers";
import type { Check } from "../types";

export const hostPort: Check = {
  id: "host-port",
  title: "Containers do not bind host ports",
  category: "security",
  severity: "medium",
  rationale:
    "A hostPort binds the port on the node's own network interface: it bypasses NetworkPolicy and Service " +
    "routing, exposes the pod on every address of the node, and limits the workload to one pod per node.",
  remediation:
    "Remove hostPort and expose the pod through a Service (ClusterIP behind an Ingress, or a LoadBalancer).",
  references: ["https://kubernetes.io/docs/concepts/configuration/overview/#services"],
  evaluate: (ctx) =>
    perContainer(ctx, regularContainers, (_w, c) => {
      const bound = recs(c.spec.ports).flatMap((p, i) => {
        const hp = num(p.hostPort);
        return hp !== undefined && hp > 0 ? [{ i, hp }] : [];
      });
      const first = bound[0];
      if (!first) return { pass: "no hostPort" };
      return {
        fail: `binds host port ${bound.map((b) => b.hp).join(", ")}`,
        field: `ports[${first.i}].hostPort`,
      };
    }),
};
