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
      // A loop rather than flatMap: this runs for every container, and few bind a host port.
      const ports = recs(c.spec.ports);
      let first = -1;
      const bound: number[] = [];
      for (let i = 0; i < ports.length; i++) {
        const hp = num(ports[i]?.hostPort);
        if (hp === undefined || hp <= 0) continue;
        if (first < 0) first = i;
        bound.push(hp);
      }
      if (first < 0) return { pass: "no hostPort" };
      return { fail: `binds host port ${bound.join(", ")}`, field: `ports[${first}].hostPort` };
    }),
};
