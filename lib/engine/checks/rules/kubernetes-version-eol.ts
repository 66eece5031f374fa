import { formatMinor, parseKubeVersion } from "../../version";
import { defineCheck } from "../define";

// End of upstream maintenance per minor release (kubernetes.io/releases; approximate for the newest).
const END_OF_LIFE: Record<string, string> = {
  "1.19": "2021-10-28",
  "1.20": "2022-02-28",
  "1.21": "2022-06-28",
  "1.22": "2022-10-28",
  "1.23": "2023-02-28",
  "1.24": "2023-07-28",
  "1.25": "2023-10-28",
  "1.26": "2024-02-28",
  "1.27": "2024-06-28",
  "1.28": "2024-10-28",
  "1.29": "2025-02-28",
  "1.30": "2025-06-28",
  "1.31": "2025-10-28",
  "1.32": "2026-02-28",
  "1.33": "2026-06-28",
  "1.34": "2026-10-27",
  "1.35": "2027-02-28",
  "1.36": "2027-06-28",
};
const OLDEST_KNOWN_MINOR = 19;

export const kubernetesVersionEol = defineCheck({
  id: "kubernetes-version-eol",
  title: "Kubernetes version is still maintained upstream",
  category: "lifecycle",
  severity: "high",
  rationale:
    "Each minor release gets about 14 months of patches. Clusters that fall behind stop getting security " +
    "fixes, and catching up later means several sequential upgrades plus rewrites of removed APIs.",
  remediation:
    "Plan upgrades every quarter, one minor version at a time (control plane first, then nodes); managed " +
    "offerings automate most of it.",
  references: ["https://kubernetes.io/releases/", "https://kubernetes.io/releases/version-skew-policy/"],
  scope: { type: "cluster" },
  applies: (_, ctx) => parseKubeVersion(ctx.facts.kubernetesVersion) !== undefined,
  run(_, ctx) {
    const v = parseKubeVersion(ctx.facts.kubernetesVersion);
    if (!v) return;
    const minor = formatMinor(v);
    const eol = END_OF_LIFE[minor];
    const source = ctx.facts.kubernetesVersionSource === "kubectl-version" ? "server" : "kubelet";
    if (eol === undefined) {
      if (v.major === 1 && v.minor < OLDEST_KNOWN_MINOR)
        return ctx.fail(`Kubernetes ${minor} (${source}) is long past end of life`);
      return ctx.pass(`Kubernetes ${minor} (${source}) is newer than the known releases`);
    }
    if (Date.parse(eol) <= ctx.now.getTime())
      ctx.fail(`Kubernetes ${minor} (${source}) reached end of life on ${eol}`);
    else ctx.pass(`Kubernetes ${minor} (${source}) is maintained until ${eol}`);
  },
});
