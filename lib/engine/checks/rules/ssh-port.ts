import { num, recs, str } from "../../util";
import { defineCheck } from "../define";

export const sshPort = defineCheck({
  id: "ssh-port",
  title: "Containers do not expose SSH (port 22)",
  category: "security",
  severity: "medium",
  rationale:
    "An SSH server in a container is a second way in that bypasses Kubernetes: logins do not go through " +
    "RBAC (pods/exec), leave no API audit record, and depend on keys or passwords baked into the image or " +
    "mounted into the pod. It is also a sign of a pet container that is changed by hand. Port 22 over TCP " +
    "(the default protocol) is reported, as kube-linter's ssh-port does.",
  remediation:
    "Remove the SSH server; use kubectl exec or kubectl debug (audited, governed by RBAC) for interactive " +
    "access. If the workload is an SSH service on purpose (a Git server, a bastion), exempt it with a reason.",
  references: ["https://kubernetes.io/docs/tasks/debug/debug-application/debug-running-pod/"],
  scope: { type: "container", containers: "regular" },
  run(c, ctx) {
    const ports = recs(c.spec.ports);
    if (ports.length === 0) return;
    for (let i = 0; i < ports.length; i++) {
      const p = ports[i] as Record<string, unknown>;
      const protocol = (str(p.protocol) ?? "TCP").toUpperCase();
      if (num(p.containerPort) === 22 && protocol === "TCP")
        return ctx.fail("exposes port 22 (SSH)", { field: `ports[${i}].containerPort` });
    }
    ctx.pass("no SSH port");
  },
});
