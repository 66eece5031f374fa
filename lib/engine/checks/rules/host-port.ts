import { num, recs } from "../../util";
import { defineCheck } from "../define";

export const hostPort = defineCheck({
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
  scope: { type: "container", containers: "regular" },
  run(c, ctx) {
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
    if (first < 0) return ctx.pass("no hostPort");
    ctx.fail(`binds host port ${bound.join(", ")}`, { field: `ports[${first}].hostPort` });
  },
});
