import { num, rec, recs, str } from "../../util";
import { defineCheck } from "../define";

const PROBES = [
  ["liveness", "livenessProbe"],
  ["readiness", "readinessProbe"],
  ["startup", "startupProbe"],
] as const;

/** The port a probe connects to and the handler field holding it; undefined for exec probes. */
function probePort(probe: Record<string, unknown>): { port: unknown; field: string } | undefined {
  for (const handler of ["httpGet", "tcpSocket", "grpc"]) {
    const h = rec(probe[handler]);
    if (h) return { port: h.port, field: `${handler}.port` };
  }
  return undefined;
}

export const probePortsDeclared = defineCheck({
  id: "probe-ports-declared",
  title: "Probes connect to a port the container declares",
  category: "reliability",
  severity: "medium",
  rationale:
    "A probe that names a port (port: http) is resolved against the container's own ports; when no port of " +
    "that container carries the name, the kubelet cannot run the probe and counts every attempt as a " +
    "failure: a liveness or startup probe then restarts the container forever and a readiness probe keeps " +
    "it out of every Service (high severity). A numeric probe port that none of the declared container " +
    "ports matches is a typo, a port renumbered on one side only, or a health port left undeclared (coredns " +
    "and ingress-nginx do this), so it is reported at low severity. Unlike kube-linter's " +
    "liveness-port, readiness-port and startup-port, a numeric port is only compared when the container " +
    "declares ports at all, since declaring containerPort is optional and a probe to an undeclared port " +
    "works. Each probe is its own result (concern liveness, readiness or startup); exec probes have no port.",
  remediation:
    "Point the probe at a containerPort number or name of the same container, or declare the port the " +
    "probe uses under ports with that name.",
  references: [
    "https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#define-a-tcp-liveness-probe",
  ],
  scope: { type: "container", containers: "runtime" },
  concerns: ["liveness", "readiness", "startup"],
  run(c, ctx) {
    const ports = recs(c.spec.ports);
    const names = new Set<string>();
    const numbers = new Set<number>();
    for (const p of ports) {
      const name = str(p.name);
      const n = num(p.containerPort);
      if (name) names.add(name);
      if (n !== undefined) numbers.add(n);
    }
    for (const [concern, field] of PROBES) {
      const probe = rec(c.spec[field]);
      const target = probe && probePort(probe);
      if (!target || target.port === undefined) continue;
      const at = { field: `${field}.${target.field}`, concern };
      const { port } = target;
      if (typeof port === "string" && !/^\d+$/.test(port)) {
        if (names.has(port)) ctx.pass(`${concern} probe uses port ${port}`, at);
        else
          ctx.fail(`${concern} probe port "${port}" names no port of the container: the probe always fails`, {
            ...at,
            severity: "high",
          });
        continue;
      }
      const n = Number(port);
      if (numbers.size === 0)
        ctx.pass(`${concern} probe uses port ${n} (the container declares no ports)`, at);
      else if (numbers.has(n)) ctx.pass(`${concern} probe uses port ${n}`, at);
      else
        ctx.fail(
          `${concern} probe port ${n} is none of the declared container ports (${[...numbers].join(", ")})`,
          { ...at, severity: "low" },
        );
    }
  },
});
