import { z } from "zod";
import { dig, num } from "../../util";
import { effectiveSecurity } from "../helpers";
import { defineCheck, param } from "../define";

export const runAsHighIds = defineCheck({
  id: "run-as-high-ids",
  title: "Containers run with user and group IDs above 10000",
  category: "security",
  severity: "low",
  rationale:
    "User and group IDs are shared with the node's kernel. Low IDs are those of system accounts and of " +
    "users in the node's own /etc/passwd, so a process that escapes the container with a low UID or GID " +
    "owns or reads whatever that account may on the host; an ID above 10000 matches nobody there. When " +
    "runAsUser is set but runAsGroup is not, the primary group comes from the image, and is 0 (root) when " +
    "the image does not know the UID. As kube-score's container-security-context-user-group-id, except that " +
    "a container that sets no runAsUser is skipped rather than failed: its user comes from the image, and " +
    "run-as-non-root judges whether that may be root. The threshold is a parameter; Windows pods are not " +
    "judged.",
  remediation:
    "Set securityContext.runAsUser and runAsGroup (on the pod or the container) to IDs above 10000, e.g. " +
    "10001, and build images whose files that user may read.",
  references: [
    "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-the-security-context-for-a-pod",
  ],
  params: {
    above: param(z.number().int().min(0), 10000, "User and group IDs must be greater than this."),
  },
  scope: { type: "container", containers: "runtime" },
  applies: (c) => dig(c.workload.podSpec, "os", "name") !== "windows",
  run(c, ctx) {
    const limit = ctx.params.above;
    const uid = num(effectiveSecurity(c.workload, c, "runAsUser"));
    const gid = num(effectiveSecurity(c.workload, c, "runAsGroup"));
    if (uid === undefined) return ctx.skip("no runAsUser: the image decides the user");
    if (uid <= limit)
      return ctx.fail(`runAsUser ${uid} is not above ${limit}`, { field: "securityContext.runAsUser" });
    if (gid === undefined)
      return ctx.fail(
        `runAsUser ${uid} without runAsGroup: the primary group comes from the image (0 if unknown)`,
        {
          field: "securityContext.runAsGroup",
        },
      );
    if (gid <= limit)
      return ctx.fail(`runAsGroup ${gid} is not above ${limit}`, { field: "securityContext.runAsGroup" });
    ctx.pass(`runs as ${uid}:${gid}`);
  },
});
