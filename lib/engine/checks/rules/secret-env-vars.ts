import { rec, recs, str } from "../../util";
import { defineCheck } from "../define";

export const secretEnvVars = defineCheck({
  id: "secret-env-vars",
  title: "Containers read Secrets from files, not environment variables",
  category: "security",
  severity: "low",
  rationale:
    "An environment variable is copied into every child process, shows up in /proc/<pid>/environ, in crash " +
    "reports and debug endpoints that dump the environment, and stays fixed for the container's life, so a " +
    "rotated Secret needs a restart. A Secret mounted as a file is readable only by processes that open it " +
    "and is updated in place. This is CIS Benchmark 5.4.1 and kube-linter's read-secret-from-env-var " +
    "(secretKeyRef and envFrom secretRef); literal credentials in env values are secret-in-plain-config's " +
    "concern.",
  remediation:
    "Mount the Secret as a volume (readOnly) and have the application read the file; many libraries accept " +
    "a *_FILE variable that names it.",
  references: [
    "https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-files-from-a-pod",
    "https://kubernetes.io/docs/concepts/security/secrets-good-practices/",
  ],
  scope: { type: "container", containers: "runtime" },
  run(c, ctx) {
    const found: string[] = [];
    let field: string | undefined;
    const env = recs(c.spec.env);
    for (let i = 0; i < env.length; i++) {
      const e = env[i] as Record<string, unknown>;
      const ref = rec(rec(e.valueFrom)?.secretKeyRef);
      if (!ref) continue;
      field ??= `env[${i}].valueFrom.secretKeyRef`;
      found.push(`${str(e.name) ?? "?"} from Secret ${str(ref.name) ?? "?"}`);
    }
    const envFrom = recs(c.spec.envFrom);
    for (let i = 0; i < envFrom.length; i++) {
      const ref = rec(envFrom[i]?.secretRef);
      if (!ref) continue;
      field ??= `envFrom[${i}].secretRef`;
      found.push(`every key of Secret ${str(ref.name) ?? "?"}`);
    }
    if (found.length > 0) ctx.fail(`reads ${found.join(", ")} into environment variables`, { field });
    else ctx.pass("reads no Secret through environment variables");
  },
});
