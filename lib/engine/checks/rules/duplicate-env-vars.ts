import { recs, str } from "../../util";
import { defineCheck } from "../define";

export const duplicateEnvVars = defineCheck({
  id: "duplicate-env-vars",
  title: "Containers do not define the same environment variable twice",
  category: "reliability",
  severity: "medium",
  rationale:
    "When env lists a name twice the last entry silently wins, so an override added at the top of the list " +
    "(or by a Helm value) has no effect and the running configuration differs from what reviewers read.",
  remediation: "Keep one entry per variable name; remove the stale duplicate.",
  references: [
    "https://kubernetes.io/docs/tasks/inject-data-application/define-environment-variable-container/",
  ],
  scope: { type: "container", containers: "runtime" },
  applies: (c) => (recs(c.spec.env).length > 0 ? true : "no env"),
  run(c, ctx) {
    const seen = new Set<string>();
    const dupes = new Set<string>();
    for (const e of recs(c.spec.env)) {
      const name = str(e.name);
      if (name === undefined) continue;
      if (seen.has(name)) dupes.add(name);
      seen.add(name);
    }
    if (dupes.size > 0) ctx.fail(`defined more than once: ${[...dupes].join(", ")}`, { field: "env" });
    else ctx.pass(`${seen.size} distinct variable(s)`);
  },
});
