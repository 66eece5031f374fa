import { containerSecurity } from "../helpers";
import { dig, strings } from "../../util";
import { defineCheck } from "../define";

const bare = (cap: string) => cap.toUpperCase().replace(/^CAP_/, "");

export const netRawDropped = defineCheck({
  id: "net-raw-dropped",
  title: "Containers drop the NET_RAW capability",
  category: "security",
  severity: "medium",
  rationale:
    "NET_RAW is in the default capability set of containerd and Docker. It lets a process open raw sockets " +
    "and forge packets: a compromised container can spoof ARP or DNS answers to its neighbours on the " +
    "node's bridge network, and the capability was the entry point of kernel exploits such as " +
    "CVE-2020-14386. Applications almost never need it (ping works without it on current kernels). This " +
    "is kube-linter's drop-net-raw-capability: drop: [NET_RAW] passes here, while capabilities-drop-all " +
    "asks for ALL at a lower severity. Windows pods (spec.os.name: windows) have no Linux capabilities and " +
    "are not judged.",
  remediation:
    "Set securityContext.capabilities.drop: [ALL] (or at least NET_RAW) and do not add NET_RAW back.",
  references: [
    "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container",
  ],
  scope: { type: "container", containers: "all" },
  applies: (c) => dig(c.workload.podSpec, "os", "name") !== "windows",
  run(c, ctx) {
    const caps = dig(containerSecurity(c), "capabilities");
    const field = "securityContext.capabilities";
    const added = strings(dig(caps, "add")).map(bare);
    if (added.includes("NET_RAW") || added.includes("ALL"))
      return ctx.fail(`adds ${added.includes("ALL") ? "ALL (NET_RAW included)" : "NET_RAW"}`, {
        field: `${field}.add`,
      });
    const dropped = strings(dig(caps, "drop")).map(bare);
    if (dropped.includes("ALL")) ctx.pass("drops ALL capabilities");
    else if (dropped.includes("NET_RAW")) ctx.pass("drops NET_RAW");
    else ctx.fail("keeps NET_RAW (not dropped)", { field: `${field}.drop` });
  },
});
