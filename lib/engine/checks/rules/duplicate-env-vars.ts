import { recs, str } from "../../util";
import { perContainer, runtimeContainers } from "../helpers";
import type { Check } from "../types";

export const duplicateEnvVars: Check = {
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
  evaluate: (ctx) =>
    perContainer(ctx, runtimeContainers, (_w, c) => {
      const env = recs(c.spec.env);
      if (env.length === 0) return { skip: "no env" };
      const seen = new Set<string>();
      const dupes = new Set<string>();
      for (const e of env) {
        const name = str(e.name);
        if (name === undefined) continue;
        if (seen.has(name)) dupes.add(name);
        seen.add(name);
      }
      return dupes.size > 0
        ? { fail: `defined more than once: ${[...dupes].join(", ")}`, field: "env" }
        : { pass: `${seen.size} distinct variable(s)` };
    }),
};
