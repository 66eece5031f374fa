import { dig, rec, str } from "../../util";
import { defineCheck } from "../define";

/** The SELinux types the Pod Security Standard 'baseline' allows. */
const ALLOWED_TYPES = new Set(["container_t", "container_init_t", "container_kvm_t", "container_engine_t"]);

export const selinuxOptions = defineCheck({
  id: "selinux-options",
  title: "Containers keep a confined SELinux context",
  category: "security",
  severity: "high",
  rationale:
    "On SELinux nodes (RHEL, Fedora, OpenShift) every container runs as type container_t with its own " +
    "category pair, which keeps it off the host's files and other pods' volumes. Choosing another type " +
    "(spc_t, unconfined_t) or a custom SELinux user or role lifts that confinement; the Pod Security Standard " +
    "'baseline' allows only the container_* types and no user or role. Part of Polaris' linuxHardening; " +
    "the container's seLinuxOptions override the pod's field by field, as the kubelet applies them; " +
    "ephemeral containers are judged too; Windows pods are not.",
  remediation:
    "Remove seLinuxOptions.type, user and role (keep level if a shared volume needs a fixed category), or " +
    "write a dedicated policy module and exempt the workload with a reason.",
  references: [
    "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline",
    "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#assign-selinux-labels-to-a-container",
  ],
  scope: { type: "container", containers: "all" },
  applies: (c) => dig(c.workload.podSpec, "os", "name") !== "windows",
  run(c, ctx) {
    const own = rec(rec(c.spec.securityContext)?.seLinuxOptions);
    const pod = rec(dig(c.workload.podSpec, "securityContext", "seLinuxOptions"));
    if (!own && !pod) return ctx.pass("default SELinux context");
    const get = (k: string) => str(own?.[k]) ?? str(pod?.[k]);
    const problems: string[] = [];
    const type = get("type");
    if (type && !ALLOWED_TYPES.has(type)) problems.push(`type ${type}`);
    const user = get("user");
    if (user) problems.push(`user ${user}`);
    const role = get("role");
    if (role) problems.push(`role ${role}`);
    if (problems.length > 0)
      ctx.fail(`SELinux ${problems.join(", ")} lifts the container confinement`, {
        field: "securityContext.seLinuxOptions",
      });
    else ctx.pass(type ? `SELinux type ${type}` : "SELinux level only");
  },
});
