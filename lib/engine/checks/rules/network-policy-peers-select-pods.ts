import { dig, rec, recs } from "../../util";
import { isEmptySelector, toSelector } from "../selectors";
import { defineCheck } from "../define";

export const networkPolicyPeersSelectPods = defineCheck({
  id: "network-policy-peers-select-pods",
  title: "NetworkPolicy rules allow traffic from and to pods that exist",
  category: "networking",
  severity: "low",
  rationale:
    "A from or to peer with a podSelector (and no namespaceSelector) names pods of the policy's own " +
    "namespace. When no pod there carries those labels, usually after a rename, the rule allows nothing: " +
    "the client it was written for is cut off as soon as the policy isolates the pod, or an egress rule " +
    "quietly stops matching. As kube-linter's dangling-networkpolicypeer-podselector. Peers with a " +
    "namespaceSelector are not judged (the other namespaces may be outside the snapshot), nor are " +
    "namespaces without workloads in the snapshot; an empty podSelector selects every pod.",
  remediation:
    "Fix the peer's podSelector to the labels the client (ingress) or server (egress) pods carry, or remove " +
    "the rule.",
  references: [
    "https://kubernetes.io/docs/concepts/services-networking/network-policies/#behavior-of-to-and-from-selectors",
  ],
  scope: { type: "kinds", kinds: ["NetworkPolicy"] },
  prepare: (ctx) => new Set(ctx.workloads.map((w) => w.namespace ?? "")),
  run(np, ctx) {
    const ns = np.metadata.namespace;
    const dangling: string[] = [];
    let path: string | undefined;
    let judged = 0;
    for (const [dir, peerField] of [
      ["ingress", "from"],
      ["egress", "to"],
    ] as const) {
      recs(dig(np, "spec", dir)).forEach((rule, i) => {
        recs(rule[peerField]).forEach((peer, j) => {
          if (peer.namespaceSelector !== undefined || !rec(peer.podSelector)) return;
          const selector = toSelector(peer.podSelector);
          if (!selector || isEmptySelector(selector)) return;
          judged++;
          if (ctx.selectPodTemplates(ns, selector).length > 0) return;
          path ??= `spec.${dir}[${i}].${peerField}[${j}].podSelector`;
          const labels = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
          dangling.push(`${dir}[${i}] ${peerField} ${labels.join(",") || "matchExpressions"}`);
        });
      });
    }
    if (judged === 0) return;
    if (!ctx.prepared.has(ns ?? "")) return ctx.skip("no workloads of this namespace in the snapshot");
    if (dangling.length > 0) ctx.fail(`peer podSelector matches no pod: ${dangling.join("; ")}`, { path });
    else ctx.pass(`${judged} peer podSelector(s) match pods`);
  },
});
