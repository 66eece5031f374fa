import { dig, rec } from "../../util";
import { effectiveSecurity } from "../helpers";
import type { Workload } from "../workloads";
import { defineCheck } from "../define";

/** A pod meant for Windows nodes: spec.os, a Windows node selector, or Windows security options. */
function isWindows(w: Workload): boolean {
  if (dig(w.podSpec, "os", "name") === "windows") return true;
  if (dig(w.podSpec, "nodeSelector", "kubernetes.io/os") === "windows") return true;
  if (rec(dig(w.podSpec, "securityContext", "windowsOptions"))) return true;
  return w.containers.some((c) => rec(dig(c.spec, "securityContext", "windowsOptions")) !== undefined);
}

export const windowsHostProcess = defineCheck({
  id: "windows-host-process",
  title: "Windows containers do not run as host processes",
  category: "security",
  severity: "critical",
  rationale:
    "A Windows HostProcess container runs directly on the node, outside any container isolation, with the " +
    "node's network and filesystem and typically as SYSTEM: it is the Windows equivalent of a privileged " +
    "container with host namespaces. The Pod Security Standard 'baseline' forbids it, as Polaris' " +
    "hostProcess check does. Only pods meant for Windows nodes are judged (spec.os.name, a " +
    "kubernetes.io/os: windows node selector, or windowsOptions); ephemeral containers too.",
  remediation:
    "Run the workload as a normal Windows container; keep HostProcess for node agents (CNI, CSI, " +
    "monitoring) in a namespace of their own and exempt them with a reason.",
  references: [
    "https://kubernetes.io/docs/tasks/configure-pod-container/create-hostprocess-pod/",
    "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline",
  ],
  scope: { type: "container", containers: "all" },
  applies: (c) => isWindows(c.workload),
  run(c, ctx) {
    const options = rec(effectiveSecurity(c.workload, c, "windowsOptions"));
    if (options?.hostProcess === true)
      ctx.fail("runs as a HostProcess container on the node", {
        field: "securityContext.windowsOptions.hostProcess",
      });
    else ctx.pass("runs isolated (not a HostProcess container)");
  },
});
