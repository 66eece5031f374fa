import { z } from "zod";
import { num, recs } from "../../util";
import { defineCheck, param } from "../define";

export const privilegedPorts = defineCheck({
  id: "privileged-ports",
  title: "Containers listen on unprivileged ports",
  category: "security",
  severity: "low",
  rationale:
    "Binding a port below 1024 traditionally needs root or the NET_BIND_SERVICE capability, so an image " +
    "that listens on 80 or 443 usually runs as root or keeps a capability it could do without. Inside a " +
    "cluster the port a container listens on is invisible to clients: the Service maps its own port 80 to " +
    "any targetPort. As in kube-linter's privileged-ports, hostPort is not the concern here (host-port " +
    "reports it); the threshold is a parameter.",
  remediation:
    "Make the application listen on a high port (8080, 8443) and keep port 80/443 on the Service " +
    "(port: 80, targetPort: 8080); then run it as non-root with every capability dropped.",
  references: [
    "https://kubernetes.io/docs/concepts/services-networking/service/#defining-a-service",
    "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted",
  ],
  params: {
    below: param(
      z.number().int().min(1).max(65536),
      1024,
      "Container ports below this number are privileged.",
    ),
  },
  scope: { type: "container", containers: "regular" },
  run(c, ctx) {
    const ports = recs(c.spec.ports);
    if (ports.length === 0) return;
    const low: number[] = [];
    let first = -1;
    for (let i = 0; i < ports.length; i++) {
      const n = num(ports[i]?.containerPort);
      if (n === undefined || n >= ctx.params.below) continue;
      if (first < 0) first = i;
      low.push(n);
    }
    if (first < 0) return ctx.pass(`listens on ports ${ctx.params.below} and above`);
    ctx.fail(`listens on privileged port ${low.join(", ")} (below ${ctx.params.below})`, {
      field: `ports[${first}].containerPort`,
    });
  },
});
