import { dig, str } from "../../util";
import { defineCheck } from "../define";
import { refOf } from "../workloads";

const ANNOTATION = "container.apparmor.security.beta.kubernetes.io/";

export const apparmorProfile = defineCheck({
  id: "apparmor-profile",
  title: "Containers are not AppArmor-unconfined",
  category: "security",
  severity: "high",
  rationale:
    "On nodes with AppArmor (Ubuntu, Debian, COS), the runtime's default profile denies writes to /proc " +
    "and /sys, mounting, and other kernel interfaces behind several container escapes. Setting the profile " +
    "to Unconfined removes that layer, which the Pod Security Standard 'baseline' forbids. Both the field " +
    "(securityContext.appArmorProfile, on the container or the pod, since Kubernetes 1.30) and the older " +
    "per-container annotation are read (the container's field, then its annotation, then the pod's field); no profile means the runtime default and passes. Part of " +
    "Polaris' linuxHardening; ephemeral containers are judged too.",
  remediation:
    "Remove the Unconfined profile (or use RuntimeDefault, or a Localhost profile written for the " +
    "workload).",
  references: ["https://kubernetes.io/docs/tutorials/security/apparmor/"],
  scope: { type: "container", containers: "all" },
  applies: (c) => dig(c.workload.podSpec, "os", "name") !== "windows",
  run(c, ctx) {
    const own = str(dig(c.spec, "securityContext", "appArmorProfile", "type"));
    const pod = str(dig(c.workload.podSpec, "securityContext", "appArmorProfile", "type"));
    const annotation = c.workload.podAnnotations[`${ANNOTATION}${c.name}`];
    let profile: string | undefined;
    let field: string | undefined;
    let path: string | undefined;
    if (own !== undefined) {
      profile = own;
      field = "securityContext.appArmorProfile.type";
    } else if (annotation !== undefined) {
      profile = annotation;
      path =
        c.workload.kind === "Pod"
          ? "metadata.annotations"
          : `${c.workload.podSpecPath.replace(/\.spec$/, "")}.metadata.annotations`;
    } else if (pod !== undefined) {
      profile = pod;
      path = `${c.workload.podSpecPath}.securityContext.appArmorProfile.type`;
    }
    if (profile === undefined) return ctx.pass("runtime default AppArmor profile");
    if (profile.toLowerCase() === "unconfined")
      // A container-scope result points inside its container unless given a whole reference.
      return ctx.fail(
        `AppArmor profile ${profile}`,
        field ? { field } : { object: refOf(c.workload.object, { container: c.name, path }) },
      );
    ctx.pass(`AppArmor profile ${profile}`);
  },
});
