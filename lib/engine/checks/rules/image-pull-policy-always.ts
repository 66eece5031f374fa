import { str } from "../../util";
import { defineCheck } from "../define";

export const imagePullPolicyAlways = defineCheck({
  id: "image-pull-policy-always",
  title: "Containers do not force imagePullPolicy: Always",
  category: "reliability",
  severity: "medium",
  rationale:
    "With imagePullPolicy Always every pod start needs the registry, even when the node already has the " +
    "image. A registry outage then turns every reschedule, scale-up or crash restart into a failed pod, so " +
    "an outage of the registry becomes an outage of production. Polaris (pullPolicyNotAlways) and kube-score " +
    "(container-image-pull-policy) ask for the opposite, Always, so that imagePullSecrets are checked on " +
    "every start and a moved tag is picked up; this check deliberately does not: with pinned tags or " +
    "digests there is nothing new to pull, and the availability of production matters more than " +
    "re-checking pull credentials on every restart.",
  remediation:
    "Deploy immutable tags or digests and use imagePullPolicy: IfNotPresent (the default for non-latest tags).",
  references: ["https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy"],
  scope: { type: "container", containers: "runtime" },
  run(c, ctx) {
    const policy = str(c.spec.imagePullPolicy);
    if (policy === "Always")
      ctx.fail("imagePullPolicy is Always: pod starts depend on the registry", { field: "imagePullPolicy" });
    else ctx.pass(`imagePullPolicy ${policy ?? "default"}`);
  },
});
