import { recs, str } from "../../util";
import { defineCheck } from "../define";

/** Why a port name is not an IANA service name (RFC 6335 §5.1, as the API server validates it), if it is not. */
export function portNameProblem(name: string): string | undefined {
  if (name.length > 15) return "is longer than 15 characters";
  if (!/^[a-z0-9-]+$/.test(name)) return "may hold only lower-case letters, digits and '-'";
  if (!/[a-z]/.test(name)) return "must contain a letter";
  if (name.startsWith("-") || name.endsWith("-")) return "must not start or end with '-'";
  if (name.includes("--")) return "must not contain '--'";
  return undefined;
}

export const containerPortNames = defineCheck({
  id: "container-port-names",
  title: "Container port names are valid and unique",
  category: "reliability",
  severity: "medium",
  rationale:
    "Services, probes and NetworkPolicies refer to container ports by name, and a name must be an IANA " +
    "service name: at most 15 characters, lower-case letters, digits and single hyphens, with at least one " +
    "letter. The API server rejects a pod template whose port name breaks these rules or repeats within a " +
    "container, so the manifest never applies (a Helm chart fails half-way through an upgrade). This covers " +
    "kube-linter's invalid-target-ports for containers; a Service targetPort name that no container " +
    "declares is reported by service-target-port.",
  remediation:
    "Rename the port (http, metrics, grpc-api…) and use the same name in the Service's targetPort and " +
    "the probes.",
  references: [
    "https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#ports",
    "https://www.rfc-editor.org/rfc/rfc6335.html#section-5.1",
  ],
  scope: { type: "container", containers: "runtime" },
  run(c, ctx) {
    const ports = recs(c.spec.ports);
    const seen = new Set<string>();
    const problems: string[] = [];
    let first: number | undefined;
    for (let i = 0; i < ports.length; i++) {
      const name = str(ports[i]?.name);
      if (name === undefined) continue;
      const problem = portNameProblem(name);
      const duplicate = seen.has(name);
      seen.add(name);
      if (!problem && !duplicate) continue;
      first ??= i;
      problems.push(problem ? `port name "${name}" ${problem}` : `port name "${name}" is used twice`);
    }
    if (seen.size === 0) return;
    if (problems.length > 0) ctx.fail(problems.join("; "), { field: `ports[${first ?? 0}].name` });
    else ctx.pass(`port names ${[...seen].join(", ")} are valid`);
  },
});
