import { perContainer, runtimeContainers } from "../helpers";
import { str } from "../../util";
import type { Check } from "../types";

export const imagePullPolicyAlways: Check = {
  id: "image-pull-policy-always",
  title: "Containers do not force imagePullPolicy: Always",
  category: "reliability",
  severity: "medium",
  rationale:
    "With imagePullPolicy Always every pod start needs the registry, even when the node already has the " +
    "image. A registry outage then turns every reschedule, scale-up or crash restart into a failed pod, so " +
    "an outage of the registry becomes an outage of production.",
  remediation:
    "Deploy immutable tags or digests and use imagePullPolicy: IfNotPresent (the default for non-latest tags).",
  references: ["https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy"],
  evaluate: (ctx) =>
    perContainer(ctx, runtimeContainers, (_w, c) =>
      str(c.spec.imagePullPolicy) === "Always"
        ? { fail: "imagePullPolicy is Always: pod starts depend on the registry", field: "imagePullPolicy" }
        : { pass: `imagePullPolicy ${str(c.spec.imagePullPolicy) ?? "default"}` },
    ),
};
