// What each check's results say, one check at a time: the message and the field a result points at, on
// passing, failing and skipped subjects, and the subjects a check leaves alone (the fixtures assert
// status per object; these assert the words, the location and the boundaries). Every other check is
// disabled, so a test here runs only the check it is about.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze } from "../analyze";
import { loadSnapshot } from "../snapshot/load";
import { FIXTURES_DIR } from "../testing";
import { CHECKS } from "./registry";

const enc = (s: string) => new TextEncoder().encode(s);
const results = (yaml: string, checkId: string, params?: Record<string, unknown>) =>
  analyze(loadSnapshot([{ name: "t.yaml", data: enc(yaml) }]), {
    disabled: CHECKS.filter((c) => c.id !== checkId).map((c) => c.id),
    params: params && { [checkId]: params },
  }).results.map((r) => ({ status: r.status, message: r.message, path: r.object?.path, concern: r.concern }));

/** A Deployment whose pod spec gets `pod` lines (6 spaces in) and whose container gets `container` lines (10). */
const deployment = ({
  pod = "",
  container = "",
}: {
  pod?: string;
  container?: string;
}) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: shop }
spec:
  replicas: 2
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec:
${pod}      containers:
        - name: api
          image: nginx:1.27
${container}`;
const P = "spec.template.spec";
const C = `${P}.containers[0]`;

describe("cluster checks", () => {
  it("crd-count: counts the CRDs against maxCrds, and says nothing without any", () => {
    const crd = (n: number) =>
      `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: { name: r${n}.example.com }\n`;
    const two = `${crd(1)}---\n${crd(2)}`;
    expect(results(deployment({}), "crd-count")).toEqual([]);
    expect(results(two, "crd-count", { maxCrds: 2 })).toEqual([
      { status: "pass", message: "2 CustomResourceDefinition(s)", path: undefined },
    ]);
    expect(results(two, "crd-count", { maxCrds: 1 })).toEqual([
      { status: "fail", message: "2 CustomResourceDefinitions (more than 1)", path: undefined },
    ]);
  });
});

describe("container checks", () => {
  it("image-pull-policy-always: fails on Always, names the policy otherwise", () => {
    const policy = (p: string) => deployment({ container: `          imagePullPolicy: ${p}\n` });
    expect(results(policy("Always"), "image-pull-policy-always")).toEqual([
      {
        status: "fail",
        message: "imagePullPolicy is Always: pod starts depend on the registry",
        path: `${C}.imagePullPolicy`,
      },
    ]);
    expect(results(policy("IfNotPresent"), "image-pull-policy-always")).toEqual([
      { status: "pass", message: "imagePullPolicy IfNotPresent", path: C },
    ]);
    expect(results(deployment({}), "image-pull-policy-always")).toEqual([
      { status: "pass", message: "imagePullPolicy default", path: C },
    ]);
  });

  it("probes-identical: compares both probes, skips a container without both", () => {
    const probes = (live: string, ready: string) =>
      deployment({
        container: `          livenessProbe: { httpGet: { path: ${live}, port: 80 } }\n          readinessProbe: { httpGet: { path: ${ready}, port: 80 } }\n`,
      });
    expect(results(probes("/", "/"), "probes-identical")).toEqual([
      {
        status: "fail",
        message: "liveness probe is identical to the readiness probe",
        path: `${C}.livenessProbe`,
      },
    ]);
    expect(results(probes("/live", "/ready"), "probes-identical")).toEqual([
      { status: "pass", message: "probes differ", path: C },
    ]);
    const livenessOnly = deployment({
      container: "          livenessProbe: { httpGet: { path: /, port: 80 } }\n",
    });
    expect(results(livenessOnly, "probes-identical")).toMatchObject([
      { status: "skip", message: "not both probes" },
    ]);
  });

  it("proc-mount: passes the default mount, named or not, and quotes any other", () => {
    const mount = (m: string) =>
      deployment({ container: `          securityContext: { procMount: ${m} }\n` });
    expect(results(deployment({}), "proc-mount")).toEqual([
      { status: "pass", message: "default /proc mount", path: C },
    ]);
    expect(results(mount("Default"), "proc-mount")).toEqual([
      { status: "pass", message: "default /proc mount", path: C },
    ]);
    expect(results(mount("Unmasked"), "proc-mount")).toEqual([
      { status: "fail", message: 'procMount: "Unmasked"', path: `${C}.securityContext.procMount` },
    ]);
  });

  it("run-as-root-user: fails on 0, names any other user", () => {
    const user = (u: number) => deployment({ container: `          securityContext: { runAsUser: ${u} }\n` });
    expect(results(user(0), "run-as-root-user")).toEqual([
      { status: "fail", message: "runAsUser: 0 (root)", path: `${C}.securityContext.runAsUser` },
    ]);
    expect(results(user(1000), "run-as-root-user")).toEqual([
      { status: "pass", message: "runAsUser 1000", path: C },
    ]);
    expect(results(deployment({}), "run-as-root-user")).toEqual([
      { status: "pass", message: "runAsUser not forced to 0", path: C },
    ]);
  });
});

describe("workload and object checks", () => {
  it("host-namespaces: lists the namespaces shared, at the pod spec", () => {
    const shared = deployment({ pod: "      hostNetwork: true\n      hostPID: true\n" });
    expect(results(shared, "host-namespaces")).toEqual([
      { status: "fail", message: "uses hostNetwork, hostPID", path: P },
    ]);
    expect(results(deployment({}), "host-namespaces")).toEqual([
      { status: "pass", message: "no host namespaces", path: P },
    ]);
  });

  it("job-ttl-after-finished: judges Jobs only, and says how long they stay", () => {
    const job = (ttl: string) => `apiVersion: batch/v1
kind: Job
metadata: { name: migrate, namespace: shop }
spec:
${ttl}  template:
    spec:
      restartPolicy: Never
      containers: [{ name: m, image: "migrate:1" }]
`;
    expect(results(job("  ttlSecondsAfterFinished: 600\n"), "job-ttl-after-finished")).toEqual([
      { status: "pass", message: "deleted 600s after finishing", path: "spec.ttlSecondsAfterFinished" },
    ]);
    expect(results(job(""), "job-ttl-after-finished")).toEqual([
      {
        status: "fail",
        message: "no ttlSecondsAfterFinished: finished pods pile up",
        path: "spec.ttlSecondsAfterFinished",
      },
    ]);
    expect(results(deployment({}), "job-ttl-after-finished")).toEqual([]);
  });

  it("naked-pod: fails a bare Pod, passes an owned one, leaves mirror pods alone", () => {
    const pod = (meta: string) => `apiVersion: v1
kind: Pod
metadata: { name: p, namespace: shop${meta} }
spec:
  containers: [{ name: c, image: "nginx:1.27" }]
`;
    const at = "metadata.ownerReferences";
    expect(results(pod(""), "naked-pod")).toEqual([
      { status: "fail", message: "bare Pod without a controller", path: at },
    ]);
    const owned = ", ownerReferences: [{ apiVersion: apps/v1, kind: ReplicaSet, name: rs, uid: u }]";
    expect(results(pod(owned), "naked-pod")).toEqual([
      { status: "pass", message: "owned by a controller", path: at },
    ]);
    const mirror = ', annotations: { "kubernetes.io/config.mirror": abc }';
    expect(results(pod(mirror), "naked-pod")).toEqual([]);
  });
});

describe("more container checks", () => {
  it("apparmor-profile: points at the field, the annotation or the pod spec that sets the profile", () => {
    const own = deployment({
      container: "          securityContext: { appArmorProfile: { type: Unconfined } }\n",
    });
    expect(results(own, "apparmor-profile")).toEqual([
      {
        status: "fail",
        message: "AppArmor profile Unconfined",
        path: `${C}.securityContext.appArmorProfile.type`,
      },
    ]);
    const pod = deployment({ pod: "      securityContext: { appArmorProfile: { type: Unconfined } }\n" });
    expect(results(pod, "apparmor-profile")).toEqual([
      {
        status: "fail",
        message: "AppArmor profile Unconfined",
        path: `${P}.securityContext.appArmorProfile.type`,
      },
    ]);
    const annotation = "container.apparmor.security.beta.kubernetes.io/api: unconfined";
    const annotated = deployment({}).replace(
      "metadata: { labels: { app: api } }",
      `metadata: { labels: { app: api }, annotations: { ${annotation} } }`,
    );
    expect(results(annotated, "apparmor-profile")).toEqual([
      { status: "fail", message: "AppArmor profile unconfined", path: "spec.template.metadata.annotations" },
    ]);
    const bare = `apiVersion: v1
kind: Pod
metadata: { name: p, namespace: shop, annotations: { "container.apparmor.security.beta.kubernetes.io/c": unconfined } }
spec:
  containers: [{ name: c, image: "nginx:1.27" }]
`;
    expect(results(bare, "apparmor-profile")).toEqual([
      { status: "fail", message: "AppArmor profile unconfined", path: "metadata.annotations" },
    ]);
    const runtime = deployment({
      container: "          securityContext: { appArmorProfile: { type: RuntimeDefault } }\n",
    });
    expect(results(runtime, "apparmor-profile")).toEqual([
      { status: "pass", message: "AppArmor profile RuntimeDefault", path: C },
    ]);
    expect(results(deployment({}), "apparmor-profile")).toEqual([
      { status: "pass", message: "runtime default AppArmor profile", path: C },
    ]);
    const windows = deployment({
      pod: "      os: { name: windows }\n      securityContext: { appArmorProfile: { type: Unconfined } }\n",
    });
    expect(results(windows, "apparmor-profile")).toEqual([]);
  });

  it("capabilities-drop-all: tells ALL from the defaults dropped by name (with or without CAP_)", () => {
    const drop = (caps: string) =>
      deployment({ container: `          securityContext: { capabilities: { drop: [${caps}] } }\n` });
    const at = `${C}.securityContext.capabilities.drop`;
    expect(results(drop("all"), "capabilities-drop-all")).toEqual([
      { status: "pass", message: "drops ALL capabilities", path: C },
    ]);
    const defaults =
      "CAP_AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, cap_net_raw, SETFCAP, " +
      "SETGID, SETPCAP, SETUID, SYS_CHROOT";
    expect(results(drop(defaults), "capabilities-drop-all")).toEqual([
      {
        status: "fail",
        message: "drops the runtime's default capabilities by name instead of ALL",
        path: at,
      },
    ]);
    expect(results(drop("NET_RAW"), "capabilities-drop-all")).toEqual([
      { status: "fail", message: "default capabilities are kept (drop ALL missing)", path: at },
    ]);
  });

  it("container-port-names: names each problem, points at the first bad port", () => {
    const ports = (...names: string[]) =>
      deployment({
        container: `          ports: [${names.map((n, i) => `{ name: "${n}", containerPort: ${80 + i} }`).join(", ")}]\n`,
      });
    expect(results(ports("abcdefghijklmno", "web"), "container-port-names")).toEqual([
      { status: "pass", message: "port names abcdefghijklmno, web are valid", path: C },
    ]);
    expect(results(ports("web", "Ab", "aB", "metrics-", "web"), "container-port-names")).toEqual([
      {
        status: "fail",
        message:
          `port name "Ab" may hold only lower-case letters, digits and '-'; ` +
          `port name "aB" may hold only lower-case letters, digits and '-'; ` +
          `port name "metrics-" must not start or end with '-'; port name "web" is used twice`,
        path: `${C}.ports[1].name`,
      },
    ]);
    expect(results(ports("abcdefghijklmnop"), "container-port-names")).toMatchObject([
      {
        status: "fail",
        message: 'port name "abcdefghijklmnop" is longer than 15 characters',
        path: `${C}.ports[0].name`,
      },
    ]);
  });
});

describe("more cluster checks", () => {
  const ingress = (tls: string, annotations = "") => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: web, namespace: shop${annotations} }
spec:
  tls: ${tls}
  rules: [{ host: a.example.com }]
`;
  const withTls = ingress("[{ hosts: [a.example.com], secretName: a }]");
  const tlsSecret =
    "apiVersion: v1\nkind: Secret\nmetadata: { name: a, namespace: shop }\ntype: kubernetes.io/tls\n";
  const opaque = "apiVersion: v1\nkind: Secret\nmetadata: { name: b, namespace: shop }\ntype: Opaque\n";
  const none = "and no certificate automation (cert-manager or managed certificates)";

  it("certificate-automation: counts the TLS in use, and says nothing without any", () => {
    expect(results(deployment({}), "certificate-automation")).toEqual([]);
    expect(results(ingress("[]"), "certificate-automation")).toEqual([]);
    expect(results(`${withTls}---\n${tlsSecret}---\n${opaque}`, "certificate-automation")).toEqual([
      { status: "fail", message: `1 Ingress(es) with TLS, 1 TLS Secret(s) ${none}`, path: undefined },
    ]);
    expect(results(`${opaque}---\n${tlsSecret}`, "certificate-automation")).toMatchObject([
      { status: "fail", message: `0 Ingress(es) with TLS, 1 TLS Secret(s) ${none}` },
    ]);
    // A certificate alone (here a CA bundle in an Opaque Secret) is TLS in use as well.
    const certificate = /tls\.crt: (\S+)/.exec(
      readFileSync(join(FIXTURES_DIR, "tls-certificate-expiry", "pass.yaml"), "utf8"),
    )?.[1];
    const bundle = `${opaque}data:\n  ca.crt: ${certificate}\n`;
    expect(results(bundle, "certificate-automation")).toMatchObject([
      { status: "fail", message: `0 Ingress(es) with TLS, 0 TLS Secret(s) ${none}` },
    ]);
  });

  it("certificate-automation: names what automates the certificates", () => {
    const uses = "1 Ingress(es) with TLS, 0 TLS Secret(s); automated by";
    const annotated = ingress(
      "[{ hosts: [a.example.com], secretName: a }]",
      ", annotations: { kubernetes.io/tls-acme: 'true' }",
    );
    expect(results(annotated, "certificate-automation")).toEqual([
      {
        status: "pass",
        message: `${uses} annotation kubernetes.io/tls-acme on Ingress web`,
        path: undefined,
      },
    ]);
    const issuer = "apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata: { name: le }\n";
    expect(results(`${withTls}---\n${issuer}`, "certificate-automation")).toMatchObject([
      { status: "pass", message: `${uses} ClusterIssuer objects` },
    ]);
    const crd =
      "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: { name: certificates.cert-manager.io }\n";
    const otherCrd =
      "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: { name: widgets.example.com }\n";
    expect(results(`${withTls}---\n${otherCrd}---\n${crd}`, "certificate-automation")).toMatchObject([
      { status: "pass", message: `${uses} CRD certificates.cert-manager.io` },
    ]);
    const controller = deployment({}).replace(
      "nginx:1.27",
      "quay.io/jetstack/cert-manager-controller:v1.14.0",
    );
    expect(results(`${withTls}---\n${controller}`, "certificate-automation")).toMatchObject([
      {
        status: "pass",
        message: `${uses} Deployment api (quay.io/jetstack/cert-manager-controller:v1.14.0)`,
      },
    ]);
    expect(
      results(`${withTls}---\n${otherCrd}---\n${deployment({})}`, "certificate-automation"),
    ).toMatchObject([{ status: "fail" }]);
  });

  it("cluster-admin-binding: names the role, the subjects and, for a RoleBinding, the namespace", () => {
    const binding = (kind: string, role: string, ns = "") => `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: { name: b${ns} }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${role} }
subjects: [{ kind: ServiceAccount, name: ci, namespace: tools }]
`;
    const reader = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: reader }
rules: [{ apiGroups: [""], resources: [pods], verbs: [get] }]
`;
    expect(
      results(`${reader}---\n${binding("ClusterRoleBinding", "reader")}`, "cluster-admin-binding"),
    ).toMatchObject([{ status: "pass", message: "binds ClusterRole reader" }]);
    expect(results(binding("ClusterRoleBinding", "cluster-admin"), "cluster-admin-binding")).toMatchObject([
      { status: "fail", message: "binds cluster-admin to ServiceAccount tools/ci" },
    ]);
    expect(
      results(binding("RoleBinding", "cluster-admin", ", namespace: shop"), "cluster-admin-binding"),
    ).toMatchObject([
      { status: "fail", message: "binds cluster-admin to ServiceAccount tools/ci in namespace shop" },
    ]);
  });
});

describe("config-references-exist", () => {
  const object = (kind: string, name: string, ns = "shop") =>
    `apiVersion: v1\nkind: ${kind}\nmetadata: { name: ${name}${ns ? `, namespace: ${ns}` : ""} }\n---\n`;
  const refs = (container: string, volumes = "", ns = "namespace: shop") =>
    deployment({ container, pod: volumes }).replace("namespace: shop", ns);
  const id = "config-references-exist";

  it("checks every kind of reference, each missing one named once", () => {
    const container = `          env:
            - { name: A, value: plain }
            - { name: B, valueFrom: { configMapKeyRef: { name: cm1, key: k } } }
            - { name: C, valueFrom: { secretKeyRef: { name: s1, key: k } } }
            - { name: D, valueFrom: { secretKeyRef: { name: gone-env, key: k } } }
            - { name: E, valueFrom: { configMapKeyRef: { name: maybe, key: k, optional: true } } }
            - { name: F, valueFrom: { fieldRef: { fieldPath: metadata.name } } }
          envFrom: [{ configMapRef: { name: cm2 } }, { secretRef: { name: gone-from } }, { configMapRef: {} }]
`;
    const volumes = `      volumes:
        - { name: a, configMap: { name: gone-volume } }
        - { name: b, secret: { secretName: s1 } }
        - { name: c, projected: { sources: [{ configMap: { name: kube-root-ca.crt } }, { configMap: { name: gone-projected } }, { secret: { name: gone-env } }] } }
`;
    const yaml = `${object("ConfigMap", "cm1")}${object("ConfigMap", "cm2")}${object("Secret", "s1")}${refs(container, volumes)}`;
    expect(results(yaml, id)).toEqual([
      {
        status: "fail",
        message:
          "references missing Secret gone-env, Secret gone-from, ConfigMap gone-volume, ConfigMap gone-projected",
        path: P,
      },
    ]);
  });

  it("counts the references that resolve", () => {
    const container = `          envFrom: [{ configMapRef: { name: cm1 } }, { configMapRef: { name: cm2 } }, { secretRef: { name: s1 } }]\n`;
    const yaml = `${object("ConfigMap", "cm1")}${object("ConfigMap", "cm2")}${object("Secret", "s1")}${refs(container)}`;
    expect(results(yaml, id)).toEqual([{ status: "pass", message: "3 reference(s) resolve", path: P }]);
  });

  it("checks only the kinds the snapshot holds in the namespace, and nothing without references", () => {
    const container = `          envFrom: [{ configMapRef: { name: cm1 } }, { secretRef: { name: unseen } }]\n`;
    expect(results(`${object("ConfigMap", "cm1")}${refs(container)}`, id)).toEqual([
      { status: "pass", message: "1 reference(s) resolve", path: P },
    ]);
    expect(results(`${object("ConfigMap", "cm1", "other")}${refs(container)}`, id)).toEqual([]);
    expect(results(`${object("ConfigMap", "cm1")}${refs("")}`, id)).toEqual([]);
  });

  it("matches objects without a namespace to workloads without one", () => {
    const container = `          envFrom: [{ configMapRef: { name: cm1 } }, { secretRef: { name: s1 } }]\n`;
    const yaml = `${object("ConfigMap", "cm1", "")}${object("Secret", "s1", "")}${refs(container, "", "labels: {}")}`;
    expect(results(yaml, id)).toEqual([{ status: "pass", message: "2 reference(s) resolve", path: P }]);
  });
});

describe("CronJob checks", () => {
  const cronjob = ({ spec = "", pod = "", container = "" }) => `apiVersion: batch/v1
kind: CronJob
metadata: { name: nightly, namespace: shop }
spec:
  schedule: "0 3 * * *"
${spec}  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
${pod}          containers:
            - name: run
              image: "report:1"
${container}`;
  const J = "spec.jobTemplate.spec.template.spec";

  it("cronjob-deadline-concurrency: one result per concern", () => {
    const id = "cronjob-deadline-concurrency";
    expect(results(cronjob({}), id)).toEqual([
      {
        status: "fail",
        message: "no startingDeadlineSeconds",
        path: "spec.startingDeadlineSeconds",
        concern: "deadline",
      },
      {
        status: "fail",
        message: "concurrencyPolicy unset (Allow)",
        path: "spec.concurrencyPolicy",
        concern: "concurrency",
      },
    ]);
    const set = "  startingDeadlineSeconds: 300\n  concurrencyPolicy: Forbid\n";
    expect(results(cronjob({ spec: set }), id)).toEqual([
      {
        status: "pass",
        message: "startingDeadlineSeconds 300",
        path: "spec.startingDeadlineSeconds",
        concern: "deadline",
      },
      {
        status: "pass",
        message: "concurrencyPolicy Forbid",
        path: "spec.concurrencyPolicy",
        concern: "concurrency",
      },
    ]);
    expect(results(cronjob({ spec: "  concurrencyPolicy: Allow\n" }), id)[1]).toMatchObject({
      status: "fail",
      message: "concurrencyPolicy Allow",
    });
  });

  it("cronjob-dedicated-nodes: names how the pods are placed; judges scheduled workloads only", () => {
    const id = "cronjob-dedicated-nodes";
    expect(results(cronjob({}), id)).toEqual([
      { status: "fail", message: "may run on any node, next to serving workloads", path: J },
    ]);
    const placed =
      "          nodeSelector: { pool: batch }\n" +
      "          affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } }\n" +
      "          tolerations: [{ key: batch, operator: Exists }]\n";
    expect(results(cronjob({ pod: placed }), id)).toEqual([
      { status: "pass", message: "placed with nodeSelector, node affinity, tolerations", path: J },
    ]);
    expect(results(cronjob({ pod: "          tolerations: []\n" }), id)).toMatchObject([{ status: "fail" }]);
    expect(results(deployment({}), id)).toEqual([]);
  });

  it("cronjob-history-limits: names the limits not set", () => {
    const id = "cronjob-history-limits";
    expect(results(cronjob({}), id)).toEqual([
      {
        status: "fail",
        message: "not set: successfulJobsHistoryLimit, failedJobsHistoryLimit",
        path: "spec",
      },
    ]);
    expect(results(cronjob({ spec: "  successfulJobsHistoryLimit: 3\n" }), id)).toEqual([
      { status: "fail", message: "not set: failedJobsHistoryLimit", path: "spec" },
    ]);
    const both = "  successfulJobsHistoryLimit: 3\n  failedJobsHistoryLimit: 1\n";
    expect(results(cronjob({ spec: both }), id)).toEqual([
      { status: "pass", message: "history limits set", path: "spec" },
    ]);
  });

  it("cronjob-resources: names the missing limits and whether the pods are pinned", () => {
    const id = "cronjob-resources";
    const C0 = `${J}.containers[0]`;
    expect(results(cronjob({}), id)).toEqual([
      {
        status: "fail",
        message: "no memory or cpu limit; also not pinned to dedicated nodes",
        path: `${C0}.resources.limits`,
      },
    ]);
    const limits = (l: string) => `              resources: { limits: { ${l} } }\n`;
    expect(
      results(cronjob({ container: limits("cpu: 1"), pod: "          nodeSelector: { pool: batch }\n" }), id),
    ).toEqual([{ status: "fail", message: "no memory limit", path: `${C0}.resources.limits` }]);
    const affinity = "          affinity: { nodeAffinity: {} }\n";
    expect(results(cronjob({ container: limits("cpu: 1, memory: 1Gi"), pod: affinity }), id)).toEqual([
      { status: "pass", message: "limits set", path: C0 },
    ]);
    expect(results(cronjob({ container: limits("cpu: 1, memory: 1Gi") }), id)).toEqual([
      { status: "pass", message: "limits set; also not pinned to dedicated nodes", path: C0 },
    ]);
    expect(results(deployment({}), id)).toEqual([]);
  });
});

describe("workload checks", () => {
  it("dangerous-capabilities: names the dangerous ones added, and the harmless ones", () => {
    const add = (caps: string) =>
      deployment({ container: `          securityContext: { capabilities: { add: [${caps}] } }\n` });
    const id = "dangerous-capabilities";
    expect(results(add("cap_sys_admin, NET_BIND_SERVICE, NET_ADMIN"), id)).toEqual([
      { status: "fail", message: "adds SYS_ADMIN, NET_ADMIN", path: `${C}.securityContext.capabilities.add` },
    ]);
    expect(results(add("NET_BIND_SERVICE, XCAP_SYS_ADMIN"), id)).toEqual([
      { status: "pass", message: "adds only NET_BIND_SERVICE, XCAP_SYS_ADMIN", path: C },
    ]);
    expect(results(deployment({}), id)).toEqual([
      { status: "pass", message: "adds no capabilities", path: C },
    ]);
  });

  it("default-service-account: fails on the default account, however it is named", () => {
    const id = "default-service-account";
    const at = `${P}.serviceAccountName`;
    const fail = [{ status: "fail", message: "uses the namespace's default service account", path: at }];
    expect(results(deployment({}), id)).toEqual(fail);
    expect(results(deployment({ pod: '      serviceAccountName: ""\n' }), id)).toEqual(fail);
    expect(results(deployment({ pod: "      serviceAccountName: default\n" }), id)).toEqual(fail);
    expect(results(deployment({ pod: "      serviceAccount: api\n" }), id)).toEqual([
      { status: "pass", message: "service account api", path: at },
    ]);
  });

  it("deprecated-service-account-field: tells a lone, a differing and a repeated alias apart", () => {
    const id = "deprecated-service-account-field";
    const at = `${P}.serviceAccount`;
    expect(results(deployment({}), id)).toEqual([
      { status: "pass", message: "does not use the deprecated serviceAccount field", path: undefined },
    ]);
    expect(results(deployment({ pod: '      serviceAccount: ""\n' }), id)).toMatchObject([
      { status: "pass", message: "does not use the deprecated serviceAccount field" },
    ]);
    for (const name of ["", '      serviceAccountName: ""\n'])
      expect(results(deployment({ pod: `      serviceAccount: api\n${name}` }), id)).toEqual([
        {
          status: "fail",
          message: "names service account api with the deprecated serviceAccount field",
          path: at,
        },
      ]);
    expect(
      results(deployment({ pod: "      serviceAccount: api\n      serviceAccountName: web\n" }), id),
    ).toEqual([
      {
        status: "fail",
        message: "serviceAccount api differs from serviceAccountName web (which wins)",
        path: at,
      },
    ]);
    expect(
      results(deployment({ pod: "      serviceAccount: api\n      serviceAccountName: api\n" }), id),
    ).toEqual([{ status: "pass", message: "serviceAccount repeats serviceAccountName api", path: at }]);
  });

  it("deployment-strategy: resolves maxUnavailable against the replicas", () => {
    const id = "deployment-strategy";
    const strategy = (s: string, replicas = 4) =>
      deployment({}).replace("replicas: 2", `replicas: ${replicas}\n  strategy: ${s}`);
    expect(results(strategy("{ type: Recreate }"), id)).toEqual([
      { status: "fail", message: "Recreate stops all 4 replicas on every rollout", path: "spec.strategy" },
    ]);
    expect(results(strategy("{ rollingUpdate: { maxUnavailable: 4 } }"), id)).toEqual([
      { status: "fail", message: "maxUnavailable lets all 4 replicas go at once", path: "spec.strategy" },
    ]);
    expect(results(strategy("{ rollingUpdate: { maxUnavailable: 3 } }"), id)).toEqual([
      { status: "pass", message: "RollingUpdate, at most 3 of 4 unavailable", path: "spec.strategy" },
    ]);
    expect(results(strategy("{ rollingUpdate: { maxUnavailable: ' 50% ' } }", 5), id)).toMatchObject([
      { status: "pass", message: "RollingUpdate, at most 2 of 5 unavailable" },
    ]);
    expect(results(strategy("{ rollingUpdate: { maxUnavailable: '100%' } }"), id)).toMatchObject([
      { status: "fail", message: "maxUnavailable lets all 4 replicas go at once" },
    ]);
    expect(results(strategy("{ rollingUpdate: { maxUnavailable: x50% } }", 8), id)).toMatchObject([
      { status: "pass", message: "RollingUpdate, at most 2 of 8 unavailable" },
    ]);
    expect(results(strategy("{}", 2), id)).toMatchObject([
      { status: "pass", message: "RollingUpdate, at most 0 of 2 unavailable" },
    ]);
    expect(results(strategy("{ type: Recreate }", 1), id)).toEqual([]);
  });

  it("dns-ndots: reads the ndots option, skips pods on the node's resolver", () => {
    const id = "dns-ndots";
    const at = `${P}.dnsConfig`;
    const ndots = (v: string) =>
      deployment({
        pod: `      dnsConfig: { options: [{ name: edns0 }, { name: ndots, value: "${v}" }] }\n`,
      });
    expect(results(deployment({}), id)).toEqual([
      { status: "fail", message: "ndots 5 (cluster default)", path: at },
    ]);
    expect(results(ndots("2"), id)).toEqual([{ status: "pass", message: "ndots 2", path: at }]);
    expect(results(ndots("3"), id)).toEqual([{ status: "fail", message: "ndots 3", path: at }]);
    expect(results(ndots("many"), id)).toEqual([{ status: "fail", message: "ndots ?", path: at }]);
    expect(results(deployment({ pod: "      dnsPolicy: Default\n" }), id)).toEqual([
      { status: "skip", message: "dnsPolicy Default uses the node's resolver", path: at },
    ]);
    expect(results(deployment({ pod: "      hostNetwork: true\n" }), id)).toEqual([
      { status: "skip", message: "dnsPolicy ClusterFirst uses the node's resolver", path: at },
    ]);
    const withHost = deployment({
      pod: "      hostNetwork: true\n      dnsPolicy: ClusterFirstWithHostNet\n",
    });
    expect(results(withHost, id)).toMatchObject([{ status: "fail" }]);
    const job =
      "apiVersion: batch/v1\nkind: Job\nmetadata: { name: j, namespace: shop }\nspec:\n  template:\n    spec:\n      containers: [{ name: j, image: 'j:1' }]\n";
    expect(results(job, id)).toEqual([]);
  });

  it("duplicate-env-vars: names each duplicate once, counts the distinct ones", () => {
    const id = "duplicate-env-vars";
    const env = (names: string[]) =>
      deployment({
        container: `          env: [${names.map((n) => `{ name: ${n}, value: x }`).join(", ")}, { value: y }]\n`,
      });
    expect(results(env(["A", "B", "A", "B", "A", "C"]), id)).toEqual([
      { status: "fail", message: "defined more than once: A, B", path: `${C}.env` },
    ]);
    expect(results(env(["A", "B"]), id)).toEqual([
      { status: "pass", message: "2 distinct variable(s)", path: C },
    ]);
    expect(results(deployment({}), id)).toMatchObject([{ status: "skip", message: "no env" }]);
  });

  it("host-path-volume and host-path-writable: name the host paths, point at the first writable mount", () => {
    const volumes =
      "      volumes:\n        - { name: logs, hostPath: { path: /var/log } }\n        - { name: data, hostPath: {} }\n" +
      "        - { hostPath: { path: /x } }\n        - { name: tmp, emptyDir: {} }\n";
    const mounts = (m: string) => deployment({ pod: volumes, container: `          volumeMounts: [${m}]\n` });
    expect(results(mounts(""), "host-path-volume")).toEqual([
      {
        status: "fail",
        message: "hostPath volumes: logs (/var/log), data (?), ? (/x)",
        path: `${P}.volumes`,
      },
    ]);
    expect(results(deployment({}), "host-path-volume")).toEqual([
      { status: "pass", message: "no hostPath volumes", path: `${P}.volumes` },
    ]);
    const id = "host-path-writable";
    expect(
      results(
        mounts(
          "{ name: tmp, mountPath: /t }, { name: logs, mountPath: /l, readOnly: true }, { name: data, mountPath: /d }",
        ),
        id,
      ),
    ).toEqual([{ status: "fail", message: "mounts host path ? writable", path: `${C}.volumeMounts[2]` }]);
    expect(
      results(
        mounts(
          "{ name: logs, mountPath: /l, readOnly: true }, { name: data, mountPath: /d, readOnly: true }",
        ),
        id,
      ),
    ).toEqual([{ status: "pass", message: "mounts host path /var/log, ? read-only", path: C }]);
    expect(results(mounts("{ name: tmp, mountPath: /t }"), id)).toEqual([]);
    expect(results(deployment({}), id)).toEqual([]);
  });
});

describe("autoscaler checks", () => {
  const hpa = (spec: string, target = "{ apiVersion: apps/v1, kind: Deployment, name: api }") =>
    `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: api-hpa, namespace: shop }
spec:
  scaleTargetRef: ${target}
${spec}---
`;
  const requests = (r: string) => deployment({ container: `          resources: { requests: { ${r} } }\n` });

  it("hpa-sanity: judges the floor, the bounds and the requests scaled on", () => {
    const id = "hpa-sanity";
    const min = (m: string, floor = "min") => ({ path: "spec.minReplicas", concern: floor, message: m });
    expect(results(hpa("  maxReplicas: 5\n"), id)).toEqual([
      { status: "fail", ...min("minReplicas 1: can scale down to no redundancy") },
      { status: "pass", message: "scales from 1 to 5 replicas", path: "spec.maxReplicas", concern: "max" },
    ]);
    expect(results(hpa("  minReplicas: 2\n  maxReplicas: 2\n"), id)).toEqual([
      { status: "pass", ...min("minReplicas 2") },
      {
        status: "fail",
        message: "minReplicas = maxReplicas 2: the autoscaler never scales",
        path: "spec.maxReplicas",
        concern: "max",
      },
    ]);
    const lowSeverity = analyze(
      loadSnapshot([{ name: "t.yaml", data: enc(hpa("  minReplicas: 2\n  maxReplicas: 2\n")) }]),
      {
        disabled: CHECKS.filter((c) => c.id !== id).map((c) => c.id),
      },
    ).results.map((r) => r.severity);
    expect(lowSeverity).toEqual(["medium", "low"]);
    expect(results(hpa("  minReplicas: 3\n  maxReplicas: 2\n"), id, { minReplicas: 4 })).toEqual([
      { status: "fail", ...min("minReplicas 3: below 4") },
      { status: "fail", message: "minReplicas 3 > maxReplicas 2", path: "spec.maxReplicas", concern: "max" },
    ]);
    expect(results(hpa("  minReplicas: 3\n"), id)[1]).toEqual({
      status: "skip",
      message: "no maxReplicas",
      path: "spec.maxReplicas",
      concern: "max",
    });
    const metrics = `  minReplicas: 2
  maxReplicas: 4
  targetCPUUtilizationPercentage: 80
  metrics:
    - { type: Resource, resource: { name: memory, target: { type: Utilization, averageUtilization: 80 } } }
    - { type: Resource, resource: { name: ephemeral-storage, target: { type: AverageValue, averageValue: 1Gi } } }
    - { type: ContainerResource, containerResource: { name: cpu, container: api, targetAverageUtilization: 70 } }
    - { type: Pods, pods: { metric: { name: qps }, target: { type: Utilization } } }
`;
    expect(results(`${hpa(metrics)}${requests("cpu: 100m")}`, id)[2]).toEqual({
      status: "fail",
      message: "scales on memory utilization but api request no memory",
      path: "spec",
      concern: "requests",
    });
    expect(results(`${hpa(metrics)}${requests("cpu: 100m, memory: 1Gi")}`, id)[2]).toEqual({
      status: "pass",
      message: "cpu and memory requested by every container of Deployment api",
      path: "spec",
      concern: "requests",
    });
    expect(results(`${hpa(metrics)}${requests("memory: 1Gi")}`, id)[2]).toMatchObject({
      status: "fail",
      message: "scales on cpu utilization but api request no cpu",
    });
    // Nothing to say about requests without a target in the snapshot or without a utilization metric.
    expect(results(hpa(metrics), id)).toHaveLength(2);
    expect(results(`${hpa("  minReplicas: 2\n  maxReplicas: 4\n")}${requests("cpu: 1")}`, id)).toHaveLength(
      2,
    );
  });

  it("hpa-target-exists: finds the target, or says why it cannot", () => {
    const id = "hpa-target-exists";
    const at = "spec.scaleTargetRef";
    expect(results(`${hpa("")}${deployment({})}`, id)).toEqual([
      { status: "pass", message: "targets Deployment api", path: at },
    ]);
    expect(results(`${hpa("", "{ kind: Deployment, name: web }")}${deployment({})}`, id)).toEqual([
      { status: "fail", message: "target Deployment web does not exist", path: at },
    ]);
    expect(results(hpa(""), id)).toEqual([
      { status: "skip", message: "snapshot contains no Deployment objects", path: at },
    ]);
    for (const target of ["{ kind: Deployment }", "{ name: api }"])
      expect(results(hpa("", target), id)).toEqual([
        { status: "fail", message: "scaleTargetRef has no kind or name", path: at },
      ]);
  });

  it("hpa-target-replicas-unset: fails a replica count an HPA would fight", () => {
    const id = "hpa-target-replicas-unset";
    const at = "spec.replicas";
    const replicas = (r: string) => deployment({}).replace("  replicas: 2\n", r);
    expect(results(`${hpa("")}${replicas("  replicas: 3\n")}`, id)).toEqual([
      {
        status: "fail",
        message:
          "sets spec.replicas 3 although HorizontalPodAutoscaler api-hpa scales it: every apply resets the count",
        path: at,
      },
    ]);
    expect(results(`${hpa("")}${replicas("")}`, id)).toEqual([
      { status: "pass", message: "replicas left to HorizontalPodAutoscaler api-hpa", path: at },
    ]);
    expect(results(`${hpa("")}${replicas("  replicas: 0\n")}`, id)).toEqual([
      { status: "skip", message: "scaled to zero: the autoscaler is idle", path: at },
    ]);
    expect(results(deployment({}), id)).toEqual([]);
    const live = "read back from a cluster: spec.replicas is always set there";
    for (const read of [
      deployment({}).replace("namespace: shop }", "namespace: shop, resourceVersion: '1' }"),
      `${deployment({})}status: { replicas: 2 }\n`,
    ])
      expect(results(`${hpa("")}${read}`, id), read).toMatchObject([{ status: "skip", message: live }]);
  });
});

describe("still more container checks", () => {
  it("host-port: lists the host ports bound, points at the first", () => {
    const ports = (p: string) => deployment({ container: `          ports: [${p}]\n` });
    expect(
      results(
        ports(
          "{ containerPort: 80 }, { containerPort: 81, hostPort: 0 }, { containerPort: 82, hostPort: 8082 }, { containerPort: 83, hostPort: 8083 }",
        ),
        "host-port",
      ),
    ).toEqual([{ status: "fail", message: "binds host port 8082, 8083", path: `${C}.ports[2].hostPort` }]);
    expect(results(ports("{ containerPort: 80, hostPort: 1 }"), "host-port")).toMatchObject([
      { status: "fail", path: `${C}.ports[0].hostPort` },
    ]);
    expect(results(ports("{ containerPort: 80 }"), "host-port")).toEqual([
      { status: "pass", message: "no hostPort", path: C },
    ]);
  });

  it("image-tag-pinned: tells no tag, latest, a tag and a digest apart", () => {
    const id = "image-tag-pinned";
    const image = (i: string) => deployment({}).replace("image: nginx:1.27", `image: "${i}"`);
    expect(results(image("registry:5000/nginx"), id)).toEqual([
      { status: "fail", message: "image registry:5000/nginx has no tag (means latest)", path: `${C}.image` },
    ]);
    expect(results(image("nginx:latest"), id)).toEqual([
      { status: "fail", message: "image nginx:latest uses the latest tag", path: `${C}.image` },
    ]);
    expect(results(image("nginx:1.27"), id)).toEqual([
      { status: "pass", message: "image tag 1.27", path: C },
    ]);
    const digest = `nginx@sha256:${"a".repeat(64)}`;
    expect(results(image(digest), id)).toEqual([
      { status: "pass", message: "image pinned by digest", path: C },
    ]);
    expect(results(image(""), id)).toMatchObject([{ status: "skip", message: "no image" }]);
  });

  it("memory-request-equals-limit: compares the request with the limit", () => {
    const id = "memory-request-equals-limit";
    const memory = (r: string) => deployment({ container: `          resources: { ${r} }\n` });
    expect(results(memory("limits: { memory: 1Gi }, requests: { memory: 512Mi }"), id)).toEqual([
      {
        status: "fail",
        message: "memory request 512Mi is below the limit 1Gi",
        path: `${C}.resources.requests.memory`,
      },
    ]);
    expect(results(memory("limits: { memory: 1Gi }, requests: { memory: 1024Mi }"), id)).toEqual([
      { status: "pass", message: "memory request equals the limit 1Gi", path: C },
    ]);
    expect(results(memory("limits: { memory: 1Gi }"), id)).toEqual([
      { status: "pass", message: "request defaults to the limit 1Gi", path: C },
    ]);
    expect(results(memory("limits: { memory: 1Gi }, requests: { memory: lots }"), id)).toEqual([]);
    expect(results(memory("requests: { memory: 1Gi }"), id)).toEqual([]);
  });
});

describe("namespace and zone checks", () => {
  it("multiple-zones: names the zones, and says nothing without two nodes and a zone", () => {
    const node = (n: number, zone: string) =>
      `apiVersion: v1\nkind: Node\nmetadata: { name: n${n}, labels: { ${zone} } }\n---\n`;
    const id = "multiple-zones";
    const zoned = (n: number, z: string) => node(n, `topology.kubernetes.io/zone: ${z}`);
    expect(results(`${zoned(1, "a")}${zoned(2, "a")}`, id)).toEqual([
      { status: "fail", message: "all 2 nodes are in zone a", path: undefined },
    ]);
    expect(results(`${zoned(1, "a")}${node(2, "failure-domain.beta.kubernetes.io/zone: b")}`, id)).toEqual([
      { status: "pass", message: "nodes in 2 zones: a, b", path: undefined },
    ]);
    expect(results(zoned(1, "a"), id)).toEqual([]);
    expect(results(`${node(1, "x: y")}${node(2, "x: y")}`, id)).toEqual([]);
  });

  it("namespace-quotas: one result per namespace with workloads, about the Namespace", () => {
    const id = "namespace-quotas";
    const object = (kind: string, ns: string) =>
      `apiVersion: v1\nkind: ${kind}\nmetadata: { name: x, namespace: ${ns} }\n---\n`;
    const inNs = (ns: string) => deployment({}).replace("namespace: shop", `namespace: ${ns}`);
    const yaml = [
      object("ResourceQuota", "shop"),
      object("LimitRange", "shop"),
      object("ResourceQuota", "web"),
      `${inNs("web")}---\n`,
      `${inNs("shop")}---\n`,
      `${inNs("kube-system")}---\n`,
      `${inNs("db")}---\n`,
      deployment({}).replace("namespace: shop", "labels: {}"),
    ].join("");
    const analysis = analyze(loadSnapshot([{ name: "t.yaml", data: enc(yaml) }]), {
      disabled: CHECKS.filter((c) => c.id !== id).map((c) => c.id),
    });
    expect(analysis.results.map((r) => [r.status, r.message, r.object?.kind, r.object?.name])).toEqual([
      ["fail", "namespace db has no ResourceQuota or LimitRange", "Namespace", "db"],
      ["pass", "namespace shop has a quota and a limit range", "Namespace", "shop"],
      ["fail", "namespace web has no LimitRange", "Namespace", "web"],
    ]);
  });
});

describe("capability, port and priority checks", () => {
  it("net-raw-dropped: adds, drops or keeps NET_RAW; not judged on Windows", () => {
    const id = "net-raw-dropped";
    const caps = (c: string) =>
      deployment({ container: `          securityContext: { capabilities: { ${c} } }\n` });
    const at = `${C}.securityContext.capabilities`;
    expect(results(caps("add: [cap_net_raw]"), id)).toEqual([
      { status: "fail", message: "adds NET_RAW", path: `${at}.add` },
    ]);
    expect(results(caps("add: [all], drop: [ALL]"), id)).toEqual([
      { status: "fail", message: "adds ALL (NET_RAW included)", path: `${at}.add` },
    ]);
    expect(results(caps("add: [NET_ADMIN], drop: [all]"), id)).toEqual([
      { status: "pass", message: "drops ALL capabilities", path: C },
    ]);
    expect(results(caps("drop: [CAP_NET_RAW]"), id)).toEqual([
      { status: "pass", message: "drops NET_RAW", path: C },
    ]);
    expect(results(caps("drop: [CHOWN]"), id)).toEqual([
      { status: "fail", message: "keeps NET_RAW (not dropped)", path: `${at}.drop` },
    ]);
    expect(results(deployment({ pod: "      os: { name: windows }\n" }), id)).toEqual([]);
  });

  it("privileged-ports: lists the ports below the limit, points at the first", () => {
    const id = "privileged-ports";
    const ports = (...p: number[]) =>
      deployment({
        container: `          ports: [${p.map((n) => `{ containerPort: ${n} }`).join(", ")}, { name: x }]\n`,
      });
    expect(results(ports(8080, 80, 443, 1024), id)).toEqual([
      {
        status: "fail",
        message: "listens on privileged port 80, 443 (below 1024)",
        path: `${C}.ports[1].containerPort`,
      },
    ]);
    expect(results(ports(8080, 1024), id)).toEqual([
      { status: "pass", message: "listens on ports 1024 and above", path: C },
    ]);
    expect(results(ports(8080, 9000), id, { below: 9000 })).toMatchObject([
      {
        status: "fail",
        message: "listens on privileged port 8080 (below 9000)",
        path: `${C}.ports[0].containerPort`,
      },
    ]);
    expect(results(deployment({}), id)).toEqual([]);
  });

  it("priority-class: requires a class, from the allowed ones when they are listed", () => {
    const id = "priority-class";
    const at = `${P}.priorityClassName`;
    const pc = (name: string) => deployment({ pod: `      priorityClassName: ${name}\n` });
    expect(results(deployment({}), id)).toEqual([
      { status: "fail", message: "no priorityClassName", path: at },
    ]);
    expect(results(pc("high"), id)).toEqual([{ status: "pass", message: "priority class high", path: at }]);
    expect(results(pc("high"), id, { allowedClasses: ["high"] })).toEqual([
      { status: "pass", message: "priority class high", path: at },
    ]);
    expect(results(pc("low"), id, { allowedClasses: ["high", "critical"] })).toEqual([
      { status: "fail", message: "priority class low is not one of the allowed high, critical", path: at },
    ]);
    const job =
      "apiVersion: batch/v1\nkind: Job\nmetadata: { name: j, namespace: shop }\nspec:\n  template:\n    spec:\n      containers: [{ name: j, image: 'j:1' }]\n";
    expect(results(job, id)).toEqual([]);
  });
});

describe("node and pod status checks", () => {
  const node = (status: string, spec = "") =>
    `apiVersion: v1\nkind: Node\nmetadata: { name: n1 }\n${spec}status:\n  conditions: ${status}\n`;
  it("node-conditions: names each problem; says nothing without conditions", () => {
    const id = "node-conditions";
    const at = "status.conditions";
    const conditions =
      "[{ type: Ready, status: Unknown }, { type: MemoryPressure, status: 'True' }, { type: DiskPressure, status: 'False' }, { type: PIDPressure, status: 'True' }, { status: 'True' }]";
    expect(results(node(conditions, "spec: { unschedulable: true }\n"), id)).toEqual([
      { status: "fail", message: "Ready=Unknown, MemoryPressure, PIDPressure, cordoned", path: at },
    ]);
    expect(results(node("[{ type: Ready }]"), id)).toMatchObject([{ status: "fail", message: "Ready=?" }]);
    expect(
      results(node("[{ type: Ready, status: 'True' }, { type: NetworkUnavailable, status: 'False' }]"), id),
    ).toEqual([{ status: "pass", message: "Ready, no pressure", path: at }]);
    expect(results(node("[]"), id)).toEqual([]);
  });

  it("pod-health: names the failed phase, bad waits, OOM kills and restarts", () => {
    const id = "pod-health";
    const pod = (status: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata: { name: p, namespace: shop }\nspec:\n  containers: [{ name: c, image: "c:1" }]\nstatus: ${status}\n`;
    const statuses = `{ phase: Failed, reason: Evicted,
      initContainerStatuses: [{ name: init, state: { waiting: { reason: CrashLoopBackOff } }, restartCount: 12 }],
      containerStatuses: [
        { name: c, state: { terminated: { reason: OOMKilled } }, restartCount: 10 },
        { name: d, lastState: { terminated: { reason: OOMKilled } }, restartCount: 9, state: { waiting: { reason: ContainerCreating } } },
        { state: { running: {} } } ] }`;
    expect(results(pod(statuses), id)).toEqual([
      {
        status: "fail",
        message: "phase Failed (Evicted); init: CrashLoopBackOff; c: OOMKilled; c: 10 restarts; d: OOMKilled",
        path: "status",
      },
    ]);
    expect(results(pod("{ phase: Failed }"), id)).toMatchObject([
      { status: "fail", message: "phase Failed" },
    ]);
    expect(results(pod("{ phase: Running, containerStatuses: [{ name: c, restartCount: 3 }] }"), id)).toEqual(
      [{ status: "pass", message: "phase Running", path: "status" }],
    );
    expect(results(pod("{ reason: x }"), id)).toEqual([]);
    expect(results(pod("{ phase: '' }"), id)).toEqual([]);
  });
});

describe("PodDisruptionBudget checks", () => {
  const pdb = (spec: string, apiVersion = "policy/v1") => `apiVersion: ${apiVersion}
kind: PodDisruptionBudget
metadata: { name: api-pdb, namespace: shop }
spec:
  selector: { matchLabels: { app: api } }
${spec}---
`;
  it("pdb-has-policy: exactly one of minAvailable and maxUnavailable", () => {
    const id = "pdb-has-policy";
    expect(results(pdb("  minAvailable: 1\n  maxUnavailable: 1\n"), id)).toEqual([
      { status: "fail", message: "sets both minAvailable and maxUnavailable (rejected)", path: "spec" },
    ]);
    expect(results(pdb(""), id)).toEqual([
      { status: "fail", message: "sets neither minAvailable nor maxUnavailable", path: "spec" },
    ]);
    expect(results(pdb("  minAvailable: 50%\n"), id)).toEqual([
      { status: "pass", message: 'minAvailable "50%"', path: "spec.minAvailable" },
    ]);
    expect(results(pdb("  maxUnavailable: 1\n"), id)).toEqual([
      { status: "pass", message: "maxUnavailable 1", path: "spec.maxUnavailable" },
    ]);
  });

  it("pdb-unhealthy-eviction-policy: names the policy; policy/v1 only", () => {
    const id = "pdb-unhealthy-eviction-policy";
    const at = "spec.unhealthyPodEvictionPolicy";
    const policy = (p: string) => pdb(`  unhealthyPodEvictionPolicy: ${p}\n`);
    expect(results(policy("AlwaysAllow"), id)).toEqual([
      { status: "pass", message: "unhealthy pods may always be evicted", path: at },
    ]);
    expect(results(policy("IfHealthyBudget"), id)).toEqual([
      { status: "pass", message: "IfHealthyBudget, set explicitly", path: at },
    ]);
    expect(results(policy("Sometimes"), id)).toEqual([
      { status: "fail", message: "unknown unhealthyPodEvictionPolicy Sometimes", path: at },
    ]);
    expect(results(pdb(""), id)).toEqual([
      {
        status: "fail",
        message: "no unhealthyPodEvictionPolicy: broken pods block drains while the budget is not met",
        path: at,
      },
    ]);
    expect(results(pdb("", "policy/v1beta1"), id)).toMatchObject([
      { status: "skip", message: "the field exists only in policy/v1" },
    ]);
  });

  it("pdb-coverage: names the budget covering a replicated workload", () => {
    const id = "pdb-coverage";
    expect(results(`${pdb("  minAvailable: 1\n")}${deployment({})}`, id)).toEqual([
      { status: "pass", message: "covered by PodDisruptionBudget shop/api-pdb", path: undefined },
    ]);
    expect(results(deployment({}), id)).toEqual([
      { status: "fail", message: "no PodDisruptionBudget selects these pods", path: undefined },
    ]);
    expect(results(deployment({}).replace("replicas: 2", "replicas: 1"), id)).toMatchObject([
      { status: "skip", message: "fewer than two replicas (see single-replica)" },
    ]);
    const job =
      "apiVersion: batch/v1\nkind: Job\nmetadata: { name: j, namespace: shop }\nspec:\n  template:\n    spec:\n      containers: [{ name: j, image: 'j:1' }]\n";
    expect(results(job, id)).toEqual([]);
  });
});

describe("pod-anti-affinity", () => {
  it("names how the pods are spread, and where", () => {
    const id = "pod-anti-affinity";
    const spread = `      topologySpreadConstraints:
        - { maxSkew: 1, topologyKey: example.com/rack, whenUnsatisfiable: DoNotSchedule, labelSelector: { matchLabels: { app: api } } }
        - { maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: { matchLabels: { app: api } } }
`;
    expect(results(deployment({ pod: spread }), id)).toEqual([
      {
        status: "pass",
        message: "topology spread of its own pods on topology.kubernetes.io/zone",
        path: `${P}.topologySpreadConstraints[1]`,
      },
    ]);
    const anti = `      affinity:
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
            - { weight: 100, podAffinityTerm: { topologyKey: kubernetes.io/hostname, labelSelector: { matchLabels: { app: api } } } }
`;
    expect(results(deployment({ pod: anti }), id)).toEqual([
      {
        status: "pass",
        message: "anti-affinity of its own pods on kubernetes.io/hostname",
        path: `${P}.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0]`,
      },
    ]);
    expect(results(deployment({}), id)).toEqual([
      {
        status: "fail",
        message: "no topology spread or pod anti-affinity of its own pods over nodes or zones",
        path: `${P}.affinity`,
      },
    ]);
    expect(results(deployment({}).replace("replicas: 2", "replicas: 1"), id)).toMatchObject([
      { status: "skip", message: "fewer than two replicas" },
    ]);
  });
});

describe("NetworkPolicy checks", () => {
  const policy = (spec: string, ns = "shop") => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: np, namespace: ${ns} }
spec:
${spec}---
`;
  it("network-policy-targets-pods: counts the pod templates selected", () => {
    const id = "network-policy-targets-pods";
    const at = "spec.podSelector";
    expect(results(policy("  podSelector: {}\n"), id)).toEqual([
      { status: "pass", message: "selects every pod of the namespace", path: at },
    ]);
    expect(
      results(`${policy("  podSelector: { matchLabels: { app: api } }\n")}${deployment({})}`, id),
    ).toEqual([{ status: "pass", message: "selects 1 pod template(s)", path: at }]);
    expect(
      results(`${policy("  podSelector: { matchLabels: { app: web } }\n")}${deployment({})}`, id),
    ).toEqual([{ status: "fail", message: "podSelector matches no pod", path: at }]);
    expect(
      results(`${policy("  podSelector: { matchLabels: { app: api } }\n", "other")}${deployment({})}`, id),
    ).toEqual([{ status: "skip", message: "no workloads of this namespace in the snapshot", path: at }]);
  });
});

describe("probe, resource and restart checks", () => {
  it("probe-ports-declared: resolves named and numbered probe ports, one result per probe", () => {
    const id = "probe-ports-declared";
    const probes = (ports: string, live: string, ready: string, startup: string) =>
      deployment({
        container:
          `          ports: [${ports}]\n` +
          `          livenessProbe: { httpGet: { path: /, port: ${live} } }\n` +
          `          readinessProbe: { tcpSocket: { port: ${ready} } }\n` +
          `          startupProbe: { grpc: { port: ${startup} } }\n`,
      });
    const named = "{ name: http, containerPort: 8080 }, { containerPort: 9090 }";
    expect(results(probes(named, "http", "metrics", '"9090"'), id)).toEqual([
      {
        status: "pass",
        message: "liveness probe uses port http",
        path: `${C}.livenessProbe.httpGet.port`,
        concern: "liveness",
      },
      {
        status: "fail",
        message: 'readiness probe port "metrics" names no port of the container: the probe always fails',
        path: `${C}.readinessProbe.tcpSocket.port`,
        concern: "readiness",
      },
      {
        status: "pass",
        message: "startup probe uses port 9090",
        path: `${C}.startupProbe.grpc.port`,
        concern: "startup",
      },
    ]);
    const mismatch = results(probes(named, "8081", "8080", "9090"), id);
    expect(mismatch[0]).toEqual({
      status: "fail",
      message: "liveness probe port 8081 is none of the declared container ports (8080, 9090)",
      path: `${C}.livenessProbe.httpGet.port`,
      concern: "liveness",
    });
    expect(results(probes("{ name: x }", "8081", "8081", "8081"), id)[0]).toMatchObject({
      status: "pass",
      message: "liveness probe uses port 8081 (the container declares no ports)",
    });
    const severities = (yaml: string) =>
      analyze(loadSnapshot([{ name: "t.yaml", data: enc(yaml) }]), {
        disabled: CHECKS.filter((c) => c.id !== id).map((c) => c.id),
      }).results.map((r) => `${r.status}:${r.severity}`);
    expect(severities(probes(named, "8081", "nope", "9090"))).toEqual([
      "fail:low",
      "fail:high",
      "pass:medium",
    ]);
    const exec = deployment({
      container:
        "          livenessProbe: { exec: { command: [true] } }\n          readinessProbe: { httpGet: { path: / } }\n",
    });
    expect(results(exec, id)).toEqual([]);
  });

  it("resource-limits and resource-requests: one result per resource", () => {
    const res = (r: string) => deployment({ container: `          resources: { ${r} }\n` });
    expect(results(res("limits: { cpu: 1 }"), "resource-limits")).toEqual([
      { status: "pass", message: "cpu limited", path: C, concern: "cpu" },
      { status: "fail", message: "no memory limit", path: `${C}.resources.limits`, concern: "memory" },
    ]);
    expect(results(res("limits: { memory: 1Gi }"), "resource-limits")).toEqual([
      { status: "fail", message: "no cpu limit", path: `${C}.resources.limits`, concern: "cpu" },
      { status: "pass", message: "memory limited", path: C, concern: "memory" },
    ]);
    expect(results(res("requests: { cpu: 1 }, limits: { memory: 1Gi }"), "resource-requests")).toEqual([
      { status: "pass", message: "cpu requested", path: C, concern: "cpu" },
      { status: "pass", message: "memory requested", path: C, concern: "memory" },
    ]);
    expect(results(res("requests: { memory: 1Gi }"), "resource-requests")).toEqual([
      { status: "fail", message: "no cpu request", path: `${C}.resources.requests`, concern: "cpu" },
      { status: "pass", message: "memory requested", path: C, concern: "memory" },
    ]);
  });

  it("readiness-probe: asks it of the containers that declare ports, else of one container", () => {
    const id = "readiness-probe";
    const two = (a: string, b: string) =>
      deployment({
        container: `${a}        - name: side\n          image: side:1\n${b}`,
      });
    const probe = "          readinessProbe: { httpGet: { path: /, port: 80 } }\n";
    const ports = "          ports: [{ containerPort: 80 }]\n";
    expect(results(two(ports, ports), id)).toEqual([
      {
        status: "fail",
        message: "no readiness probe on api, side, which declare(s) ports",
        path: `${C}.readinessProbe`,
      },
    ]);
    expect(results(two(ports + probe, ports), id)).toEqual([
      {
        status: "fail",
        message: "no readiness probe on side, which declare(s) ports",
        path: `${P}.containers[1].readinessProbe`,
      },
    ]);
    expect(results(two("", ""), id)).toEqual([
      { status: "fail", message: "no container has a readiness probe", path: `${C}.readinessProbe` },
    ]);
    expect(results(two("", probe), id)).toEqual([
      { status: "pass", message: "readiness probe on side", path: undefined },
    ]);
    expect(results(two(ports + probe, probe), id)).toEqual([
      { status: "pass", message: "readiness probe on api, side", path: undefined },
    ]);
    const job =
      "apiVersion: batch/v1\nkind: Job\nmetadata: { name: j, namespace: shop }\nspec:\n  template:\n    spec:\n      containers: [{ name: j, image: 'j:1' }]\n";
    expect(results(job, id)).toEqual([]);
  });

  it("restart-policy: Always for long-running pods, OnFailure or Never for Jobs", () => {
    const id = "restart-policy";
    const at = `${P}.restartPolicy`;
    const policy = (p: string) => deployment({ pod: `      restartPolicy: ${p}\n` });
    expect(results(deployment({}), id)).toEqual([
      { status: "pass", message: "restartPolicy Always", path: at },
    ]);
    expect(results(policy("Always"), id)).toEqual([
      { status: "pass", message: "restartPolicy Always", path: at },
    ]);
    expect(results(policy("Never"), id)).toEqual([
      { status: "fail", message: "restartPolicy Never: Deployment pods accept only Always", path: at },
    ]);
    const job = (p: string) =>
      `apiVersion: batch/v1\nkind: Job\nmetadata: { name: j, namespace: shop }\nspec:\n  template:\n    spec:\n${p}      containers: [{ name: j, image: 'j:1' }]\n`;
    const jat = "spec.template.spec.restartPolicy";
    expect(results(job("      restartPolicy: OnFailure\n"), id)).toEqual([
      { status: "pass", message: "restartPolicy OnFailure", path: jat },
    ]);
    expect(results(job("      restartPolicy: Never\n"), id)).toEqual([
      { status: "pass", message: "restartPolicy Never", path: jat },
    ]);
    expect(results(job(""), id)).toEqual([
      { status: "fail", message: "no restartPolicy: a Job's pods must set OnFailure or Never", path: jat },
    ]);
    expect(results(job("      restartPolicy: Always\n"), id)).toEqual([
      {
        status: "fail",
        message: "restartPolicy Always: a Job's pods accept only OnFailure or Never",
        path: jat,
      },
    ]);
    const pod =
      "apiVersion: v1\nkind: Pod\nmetadata: { name: p, namespace: shop }\nspec:\n  restartPolicy: Never\n  containers: [{ name: c, image: 'c:1' }]\n";
    expect(results(pod, id)).toEqual([]);
  });
});

describe("user, group and seccomp checks", () => {
  const security = (s: string, pod = "") =>
    deployment({
      container: s ? `          securityContext: { ${s} }\n` : "",
      pod: pod ? `      securityContext: { ${pod} }\n` : "",
    });

  it("run-as-high-ids: user and group above the limit", () => {
    const id = "run-as-high-ids";
    expect(results(security("runAsUser: 10000, runAsGroup: 20000"), id)).toEqual([
      {
        status: "fail",
        message: "runAsUser 10000 is not above 10000",
        path: `${C}.securityContext.runAsUser`,
      },
    ]);
    expect(results(security("runAsUser: 10001"), id)).toEqual([
      {
        status: "fail",
        message: "runAsUser 10001 without runAsGroup: the primary group comes from the image (0 if unknown)",
        path: `${C}.securityContext.runAsGroup`,
      },
    ]);
    expect(results(security("runAsUser: 10001", "runAsGroup: 10000"), id)).toEqual([
      {
        status: "fail",
        message: "runAsGroup 10000 is not above 10000",
        path: `${C}.securityContext.runAsGroup`,
      },
    ]);
    expect(results(security("", "runAsUser: 10001, runAsGroup: 10001"), id)).toEqual([
      { status: "pass", message: "runs as 10001:10001", path: C },
    ]);
    expect(results(security("runAsUser: 500, runAsGroup: 500"), id, { above: 499 })).toMatchObject([
      { status: "pass", message: "runs as 500:500" },
    ]);
    expect(results(deployment({}), id)).toEqual([
      { status: "skip", message: "no runAsUser: the image decides the user", path: C },
    ]);
    expect(results(deployment({ pod: "      os: { name: windows }\n" }), id)).toEqual([]);
  });

  it("run-as-non-root: root, enforced, a user, or nothing", () => {
    const id = "run-as-non-root";
    expect(results(security("runAsUser: 0, runAsNonRoot: true"), id)).toEqual([
      { status: "fail", message: "runAsUser is 0 (root)", path: `${C}.securityContext.runAsUser` },
    ]);
    expect(results(security("runAsUser: 5", "runAsNonRoot: true"), id)).toEqual([
      { status: "pass", message: "runAsNonRoot enforced", path: C },
    ]);
    expect(results(security("runAsUser: 5, runAsNonRoot: false"), id)).toEqual([
      { status: "pass", message: "runs as user 5", path: C },
    ]);
    expect(results(deployment({}), id)).toEqual([
      {
        status: "fail",
        message: "neither runAsNonRoot nor a non-root runAsUser is set",
        path: `${C}.securityContext.runAsNonRoot`,
      },
    ]);
  });

  it("seccomp-profile: the container's, the pod's, or the legacy annotations'", () => {
    const id = "seccomp-profile";
    expect(
      results(security("seccompProfile: { type: Localhost }", "seccompProfile: { type: Unconfined }"), id),
    ).toEqual([{ status: "pass", message: "seccomp profile Localhost", path: C }]);
    expect(results(security("", "seccompProfile: { type: Unconfined }"), id)).toEqual([
      { status: "fail", message: "seccomp profile Unconfined", path: `${C}.securityContext.seccompProfile` },
    ]);
    expect(results(deployment({}), id)).toEqual([
      {
        status: "fail",
        message: "no seccomp profile (Unconfined unless the kubelet defaults it)",
        path: `${C}.securityContext`,
      },
    ]);
    const annotated = (a: string) =>
      deployment({}).replace(
        "metadata: { labels: { app: api } }",
        `metadata: { labels: { app: api }, annotations: { ${a} } }`,
      );
    expect(results(annotated("seccomp.security.alpha.kubernetes.io/pod: runtime/default"), id)).toMatchObject(
      [{ status: "pass", message: "seccomp profile RuntimeDefault" }],
    );
    expect(
      results(
        annotated(
          "seccomp.security.alpha.kubernetes.io/pod: unconfined, container.seccomp.security.alpha.kubernetes.io/api: localhost/p.json",
        ),
        id,
      ),
    ).toMatchObject([{ status: "pass", message: "seccomp profile Localhost" }]);
    expect(results(annotated("seccomp.security.alpha.kubernetes.io/pod: unconfined"), id)).toMatchObject([
      { status: "fail", message: "seccomp profile Unconfined" },
    ]);
  });
});

describe("RBAC checks", () => {
  const role = (rules: string, kind = "ClusterRole") =>
    `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata: { name: r${kind === "Role" ? ", namespace: shop" : ""} }\nrules: ${rules}\n---\n`;
  const binding = (kind = "ClusterRoleBinding", roleKind = "ClusterRole") =>
    `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: { name: b${kind === "RoleBinding" ? ", namespace: shop" : ""} }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ${roleKind}, name: r }
subjects: [{ kind: ServiceAccount, name: ci, namespace: tools }]
`;
  const severities = (yaml: string, id: string) =>
    analyze(loadSnapshot([{ name: "t.yaml", data: enc(yaml) }]), {
      disabled: CHECKS.filter((c) => c.id !== id).map((c) => c.id),
    }).results.map((r) => [r.status, r.severity, r.message]);

  it("rbac-create-pods: names what may be created, high through a ClusterRoleBinding", () => {
    const id = "rbac-create-pods";
    const rules =
      "[{ apiGroups: [apps], resources: [deployments], verbs: [get] }, { apiGroups: ['', apps, batch], resources: [pods, statefulsets, cronjobs, secrets], verbs: [create] }]";
    expect(severities(`${role(rules)}${binding()}`, id)).toEqual([
      [
        "fail",
        "high",
        "create pods, statefulsets, cronjobs granted to ServiceAccount tools/ci in every namespace by ClusterRole r rules[1]",
      ],
    ]);
    expect(
      severities(
        `${role("[{ resources: [pods], verbs: [create] }]", "Role")}${binding("RoleBinding", "Role")}`,
        id,
      ),
    ).toEqual([
      [
        "fail",
        "medium",
        "create pods granted to ServiceAccount tools/ci in namespace shop by Role r rules[0]",
      ],
    ]);
    expect(
      severities(`${role("[{ apiGroups: [apps], resources: [pods], verbs: [create] }]")}${binding()}`, id),
    ).toEqual([["pass", "medium", "no pod or workload creation"]]);
  });

  it("rbac-escalation-verbs: lists the escalation verbs and token creation", () => {
    const id = "rbac-escalation-verbs";
    const rules =
      "[{ apiGroups: [''], resources: [pods], verbs: [get] }, { apiGroups: [rbac.authorization.k8s.io], resources: [roles], verbs: [bind, escalate] }, { apiGroups: [''], resources: [serviceaccounts/token], verbs: [create] }, { apiGroups: [''], resources: [users], verbs: [impersonate, bind] }]";
    expect(severities(`${role(rules)}${binding()}`, id)).toEqual([
      [
        "fail",
        "high",
        "bind, escalate, create serviceaccounts/token, impersonate granted to ServiceAccount tools/ci in every namespace by ClusterRole r rules[1]",
      ],
    ]);
    expect(
      severities(
        `${role("[{ apiGroups: [''], resources: [serviceaccounts/token], verbs: [get] }]")}${binding()}`,
        id,
      ),
    ).toEqual([["pass", "high", "no escalation verbs"]]);
  });

  it("rbac-pods-exec: names the exec-like subresources granted", () => {
    const id = "rbac-pods-exec";
    const rules =
      "[{ apiGroups: [''], resources: [pods/exec, pods/log], verbs: [list] }, { apiGroups: [''], resources: [pods/log, pods/attach, pods/portforward], verbs: [get] }]";
    expect(severities(`${role(rules)}${binding()}`, id)).toMatchObject([
      [
        "fail",
        expect.any(String),
        "pods/attach, pods/portforward granted to ServiceAccount tools/ci in every namespace by ClusterRole r rules[1]",
      ],
    ]);
    expect(
      severities(`${role("[{ apiGroups: [''], resources: [pods/exec], verbs: [create] }]")}${binding()}`, id),
    ).toMatchObject([
      [
        "fail",
        expect.any(String),
        "pods/exec granted to ServiceAccount tools/ci in every namespace by ClusterRole r rules[0]",
      ],
    ]);
    expect(
      severities(`${role("[{ apiGroups: [''], resources: [pods/exec], verbs: [list] }]")}${binding()}`, id),
    ).toMatchObject([["pass", expect.any(String), "no exec/attach/port-forward"]]);
  });

  it("rbac-secrets-read: names the read verbs; named Secrets only by list or watch; high when broad", () => {
    const id = "rbac-secrets-read";
    const rules =
      "[{ apiGroups: [apps], resources: [secrets], verbs: [list] }, { apiGroups: [''], resources: [secrets], resourceNames: [one], verbs: [get] }, { resources: [secrets], verbs: [update] }, { apiGroups: [''], resources: [secrets], verbs: [get, list, delete] }]";
    expect(severities(`${role(rules)}${binding()}`, id)).toEqual([
      [
        "fail",
        "high",
        "get/list secrets granted to ServiceAccount tools/ci in every namespace by ClusterRole r rules[3]",
      ],
    ]);
    expect(
      severities(
        `${role("[{ resources: [secrets], resourceNames: [one], verbs: [get, watch] }]")}${binding()}`,
        id,
      ),
    ).toEqual([
      [
        "fail",
        "high",
        "get/watch secrets granted to ServiceAccount tools/ci in every namespace by ClusterRole r rules[0]",
      ],
    ]);
    expect(
      severities(`${role("[{ apiGroups: [''], resources: [secrets], verbs: [get] }]")}${binding()}`, id),
    ).toEqual([
      [
        "fail",
        "medium",
        "get secrets granted to ServiceAccount tools/ci in every namespace by ClusterRole r rules[0]",
      ],
    ]);
    expect(
      severities(`${role("[{ resources: [secrets], verbs: [list] }]")}${binding("RoleBinding")}`, id),
    ).toMatchObject([
      [
        "fail",
        "medium",
        expect.stringContaining("list secrets granted to ServiceAccount tools/ci in namespace shop"),
      ],
    ]);
    expect(
      severities(`${role("[{ resources: [secrets], resourceNames: [one], verbs: [get] }]")}${binding()}`, id),
    ).toEqual([["pass", "medium", "no broad Secret reads"]]);
  });

  it("rbac-wildcard: lists the wildcards, points at the first", () => {
    const id = "rbac-wildcard";
    const rules =
      "[{ apiGroups: [''], resources: [pods], verbs: [get] }, { apiGroups: ['*'], resources: [pods], verbs: ['*'] }]";
    expect(results(role(rules), id)).toEqual([
      { status: "fail", message: "wildcard in rules[1].verbs, rules[1].apiGroups", path: "rules[1].verbs" },
    ]);
    expect(results(role("[{ apiGroups: [''], resources: [pods], verbs: [get] }]", "Role"), id)).toEqual([
      { status: "pass", message: "no wildcards", path: undefined },
    ]);
  });

  it("scc-privileged: judges the constraints not shipped with OpenShift", () => {
    const id = "scc-privileged";
    const scc = (allow: string, annotations = "{}") =>
      `apiVersion: security.openshift.io/v1\nkind: SecurityContextConstraints\nmetadata: { name: s, annotations: ${annotations} }\nallowPrivilegedContainer: ${allow}\n`;
    const at = "allowPrivilegedContainer";
    expect(results(scc("true"), id)).toEqual([
      { status: "fail", message: "allows privileged containers", path: at },
    ]);
    expect(results(scc("false"), id)).toEqual([
      { status: "pass", message: "does not allow privileged containers", path: at },
    ]);
    expect(
      results(scc("true", "{ include.release.openshift.io/self-managed-high-availability: 'true' }"), id),
    ).toEqual([]);
    expect(results(scc("true", "{ release.openshift.io/create-only: 'true' }"), id)).toEqual([]);
    expect(results(scc("true", "{ release.openshift.io/other: 'true' }"), id)).toMatchObject([
      { status: "fail" },
    ]);
  });
});

describe("Secret, service account and security-context checks", () => {
  it("secret-env-vars: names each Secret read into the environment, points at the first", () => {
    const id = "secret-env-vars";
    const env = `          env:
            - { name: PLAIN, value: x }
            - { name: TOKEN, valueFrom: { secretKeyRef: { name: api, key: token } } }
            - { valueFrom: { secretKeyRef: { key: k } } }
          envFrom: [{ configMapRef: { name: cm } }, { secretRef: { name: all } }, { secretRef: {} }]
`;
    expect(results(deployment({ container: env }), id)).toEqual([
      {
        status: "fail",
        message:
          "reads TOKEN from Secret api, ? from Secret ?, every key of Secret all, every key of Secret ? into environment variables",
        path: `${C}.env[1].valueFrom.secretKeyRef`,
      },
    ]);
    const fromOnly = "          envFrom: [{ configMapRef: { name: cm } }, { secretRef: { name: all } }]\n";
    expect(results(deployment({ container: fromOnly }), id)).toMatchObject([
      { status: "fail", path: `${C}.envFrom[1].secretRef` },
    ]);
    expect(results(deployment({}), id)).toEqual([
      { status: "pass", message: "reads no Secret through environment variables", path: C },
    ]);
  });

  it("security-context-consistent: names each contradiction, points at the first field", () => {
    const id = "security-context-consistent";
    const sc = (s: string, pod = "") =>
      deployment({
        container: `          securityContext: { ${s} }\n`,
        pod: pod ? `      securityContext: { ${pod} }\n` : "",
      });
    expect(
      results(
        sc(
          "allowPrivilegeEscalation: false, privileged: true, capabilities: { add: [CAP_SYS_ADMIN] }, runAsUser: 0",
          "runAsNonRoot: true",
        ),
        id,
      ),
    ).toEqual([
      {
        status: "fail",
        message:
          "privileged with allowPrivilegeEscalation: false (rejected); adds CAP_SYS_ADMIN with allowPrivilegeEscalation: false (rejected); runAsNonRoot with runAsUser 0 (the kubelet will not start it)",
        path: `${C}.securityContext.allowPrivilegeEscalation`,
      },
    ]);
    expect(results(sc("allowPrivilegeEscalation: false, capabilities: { add: [sys_admin] }"), id)).toEqual([
      {
        status: "fail",
        message: "adds SYS_ADMIN, which escalates whatever allowPrivilegeEscalation: false says",
        path: `${C}.securityContext.allowPrivilegeEscalation`,
      },
    ]);
    expect(results(sc("runAsNonRoot: true", "runAsUser: 0"), id)).toEqual([
      {
        status: "fail",
        message: "runAsNonRoot with runAsUser 0 (the kubelet will not start it)",
        path: `${C}.securityContext.runAsUser`,
      },
    ]);
    expect(results(sc("allowPrivilegeEscalation: true, privileged: true, runAsUser: 0"), id)).toEqual([
      { status: "pass", message: "consistent security context", path: C },
    ]);
    expect(
      results(sc("allowPrivilegeEscalation: false, capabilities: { add: [NET_ADMIN] }"), id),
    ).toMatchObject([{ status: "pass" }]);
  });

  it("selinux-options: names the type, user and role that lift confinement", () => {
    const id = "selinux-options";
    const se = (own: string, pod = "") =>
      deployment({
        container: own ? `          securityContext: { seLinuxOptions: { ${own} } }\n` : "",
        pod: pod ? `      securityContext: { seLinuxOptions: { ${pod} } }\n` : "",
      });
    expect(results(se("type: spc_t", "user: system_u, role: sysadm_r"), id)).toEqual([
      {
        status: "fail",
        message: "SELinux type spc_t, user system_u, role sysadm_r lifts the container confinement",
        path: `${C}.securityContext.seLinuxOptions`,
      },
    ]);
    expect(results(se("", "type: container_init_t"), id)).toEqual([
      { status: "pass", message: "SELinux type container_init_t", path: C },
    ]);
    expect(results(se("level: 's0:c123,c456'"), id)).toEqual([
      { status: "pass", message: "SELinux level only", path: C },
    ]);
    expect(results(deployment({}), id)).toEqual([
      { status: "pass", message: "default SELinux context", path: C },
    ]);
    expect(results(deployment({ pod: "      os: { name: windows }\n" }), id)).toEqual([]);
  });

  it("service-account-exists and service-account-token-automount: name the account", () => {
    const sa = (name: string, extra = "") =>
      `apiVersion: v1\nkind: ServiceAccount\nmetadata: { name: ${name}, namespace: shop }\n${extra}---\n`;
    const uses = (pod: string) => deployment({ pod });
    let id = "service-account-exists";
    const at = `${P}.serviceAccountName`;
    expect(results(`${sa("api")}${uses("      serviceAccountName: api\n")}`, id)).toEqual([
      { status: "pass", message: "ServiceAccount api exists", path: at },
    ]);
    expect(results(`${sa("api")}${uses("      serviceAccount: web\n")}`, id)).toEqual([
      {
        status: "fail",
        message: "ServiceAccount web is not in the snapshot: no pod can be created",
        path: at,
      },
    ]);
    expect(results(`${sa("api")}${uses('      serviceAccountName: ""\n')}`, id)).toEqual([
      { status: "pass", message: "default service account (created with the namespace)", path: at },
    ]);
    expect(results(uses("      serviceAccountName: web\n"), id)).toEqual([]);
    id = "service-account-token-automount";
    const tat = `${P}.automountServiceAccountToken`;
    expect(results(uses("      automountServiceAccountToken: false\n"), id)).toEqual([
      { status: "pass", message: "token automount disabled on the pod", path: tat },
    ]);
    const noToken = "automountServiceAccountToken: false\n";
    expect(results(`${sa("api", noToken)}${uses("      serviceAccount: api\n")}`, id)).toEqual([
      { status: "pass", message: "token automount disabled on ServiceAccount api", path: tat },
    ]);
    expect(
      results(`${sa("default", noToken)}${uses("      automountServiceAccountToken: true\n")}`, id),
    ).toEqual([{ status: "fail", message: "API token of ServiceAccount default is mounted", path: tat }]);
    expect(results(`${sa("api")}${uses("      serviceAccountName: api\n")}`, id)).toEqual([
      { status: "fail", message: "API token of ServiceAccount api is mounted", path: tat },
    ]);
  });
});

describe("Service checks", () => {
  const service = (spec: string, labels = "") => `apiVersion: v1
kind: Service
metadata: { name: api, namespace: shop${labels} }
spec:
${spec}---
`;
  it("service-exposure: names how a Service is exposed", () => {
    const id = "service-exposure";
    expect(results(service("  type: NodePort\n  externalIPs: [1.2.3.4]\n"), id)).toEqual([
      {
        status: "fail",
        message: "exposed outside the cluster (type NodePort and externalIPs)",
        path: "spec.type",
      },
    ]);
    expect(results(service("  externalIPs: [1.2.3.4]\n"), id)).toEqual([
      { status: "fail", message: "exposed outside the cluster (externalIPs)", path: "spec.type" },
    ]);
    expect(results(service("  type: LoadBalancer\n"), id)).toMatchObject([
      { status: "fail", message: "exposed outside the cluster (type LoadBalancer)" },
    ]);
    expect(results(service("  type: LoadBalancer\n  loadBalancerSourceRanges: [10.0.0.0/8]\n"), id)).toEqual([
      { status: "pass", message: "type LoadBalancer with source ranges", path: undefined },
    ]);
    expect(
      results(service("  type: NodePort\n  loadBalancerSourceRanges: [10.0.0.0/8]\n"), id),
    ).toMatchObject([{ status: "fail" }]);
    expect(results(service("  ports: [{ port: 80 }]\n"), id)).toEqual([
      { status: "pass", message: "type ClusterIP", path: undefined },
    ]);
  });

  it("service-monitor-targets-service: finds a Service in the namespaces it watches", () => {
    const id = "service-monitor-targets-service";
    const monitor = (spec: string) => `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: { name: sm, namespace: monitoring }
spec:
  selector: { matchLabels: { app: api } }
${spec}---
`;
    const svc = service("  ports: [{ port: 80 }]\n", ", labels: { app: api }");
    const at = "spec.selector";
    expect(results(`${svc}${monitor("  namespaceSelector: { matchNames: [shop] }\n")}`, id)).toEqual([
      { status: "pass", message: "selects Service shop/api", path: at },
    ]);
    expect(results(`${svc}${monitor("  namespaceSelector: { any: true }\n")}`, id)).toMatchObject([
      { status: "pass", message: "selects Service shop/api" },
    ]);
    expect(results(`${svc}${monitor("")}`, id)).toEqual([
      { status: "skip", message: "no Services of its namespaces in the snapshot", path: at },
    ]);
    const other = service("  ports: [{ port: 80 }]\n", ", labels: { app: web }");
    expect(results(`${other}${monitor("  namespaceSelector: { matchNames: [shop] }\n")}`, id)).toEqual([
      { status: "fail", message: "selects no Service: nothing is scraped", path: at },
    ]);
  });

  it("single-replica: names the source of the count and the minimum", () => {
    const id = "single-replica";
    const replicas = (n: number) => deployment({}).replace("replicas: 2", `replicas: ${n}`);
    const at = "spec.replicas";
    expect(results(replicas(1), id)).toEqual([
      { status: "fail", message: "replicas 1: no redundancy", path: at },
    ]);
    expect(results(replicas(2), id)).toEqual([{ status: "pass", message: "replicas 2", path: at }]);
    expect(results(replicas(2), id, { minReplicas: 3 })).toEqual([
      { status: "fail", message: "replicas 2: fewer than 3", path: at },
    ]);
    expect(results(replicas(1), id, { minReplicas: 1 })).toEqual([
      { status: "pass", message: "replicas 1", path: at },
    ]);
    expect(results(replicas(0), id)).toEqual([{ status: "skip", message: "scaled to zero", path: at }]);
    const hpa = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: h, namespace: shop }
spec: { scaleTargetRef: { kind: Deployment, name: api }, minReplicas: 1, maxReplicas: 3 }
---
`;
    expect(results(`${hpa}${replicas(3)}`, id)).toEqual([
      { status: "fail", message: "HPA minReplicas 1: no redundancy", path: at },
    ]);
    expect(results(`${hpa}${replicas(0)}`, id)).toMatchObject([{ status: "skip" }]);
  });

  it("ssh-port: fails on TCP port 22 only", () => {
    const id = "ssh-port";
    const ports = (p: string) => deployment({ container: `          ports: [${p}]\n` });
    expect(results(ports("{ containerPort: 80 }, { containerPort: 22, protocol: tcp }"), id)).toEqual([
      { status: "fail", message: "exposes port 22 (SSH)", path: `${C}.ports[1].containerPort` },
    ]);
    expect(results(ports("{ containerPort: 22 }"), id)).toMatchObject([{ status: "fail" }]);
    expect(results(ports("{ containerPort: 22, protocol: UDP }"), id)).toEqual([
      { status: "pass", message: "no SSH port", path: C },
    ]);
    expect(results(deployment({}), id)).toEqual([]);
  });
});

describe("namespace-wide and cluster-wide checks", () => {
  const node = "apiVersion: v1\nkind: Node\nmetadata: { name: n1 }\n---\n";
  const ns = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata: { name: ${name} }\n---\n`;

  it("staging-production-shared: names both kinds of namespace; judged on clusters only", () => {
    const id = "staging-production-shared";
    const yaml = `${node}${ns("shop-prod")}${ns("prod2")}${ns("staging")}${ns("qa-prod")}${ns("product")}${ns("dev.x")}`;
    expect(results(yaml, id)).toEqual([
      {
        status: "fail",
        message:
          "production namespaces (prod2, qa-prod, shop-prod) next to pre-production ones (dev.x, staging)",
        path: undefined,
      },
    ]);
    expect(results(`${node}${ns("live")}`, id)).toEqual([
      { status: "pass", message: "only production namespaces", path: undefined },
    ]);
    expect(results(`${node}${ns("uat")}${ns("testing")}`, id)).toEqual([
      { status: "pass", message: "only pre-production namespaces", path: undefined },
    ]);
    expect(results(`${node}${ns("shop")}`, id)).toEqual([]);
    expect(results(`${ns("prod")}${ns("dev")}`, id)).toEqual([]);
  });

  it("terminated-pod-pileup: counts finished pods per namespace, about the Namespace", () => {
    const id = "terminated-pod-pileup";
    const pod = (n: number, namespace: string, phase: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata: { name: p${n}${namespace ? `, namespace: ${namespace}` : ""} }\nspec: { containers: [{ name: c, image: "c:1" }] }\nstatus: { phase: ${phase} }\n---\n`;
    const yaml = [
      pod(1, "jobs", "Succeeded"),
      pod(2, "jobs", "Failed"),
      pod(3, "jobs", "Running"),
      pod(4, "apps", "Running"),
      pod(5, "", "Failed"),
      "apiVersion: v1\nkind: Pod\nmetadata: { name: p6, namespace: apps }\nspec: { containers: [{ name: c, image: 'c:1' }] }\n",
    ].join("");
    const run = (max: number) =>
      analyze(loadSnapshot([{ name: "t.yaml", data: enc(yaml) }]), {
        disabled: CHECKS.filter((c) => c.id !== id).map((c) => c.id),
        params: { [id]: { maxFinishedPods: max } },
      }).results.map((r) => [r.status, r.message, r.object?.kind, r.object?.name]);
    expect(run(1)).toEqual([
      ["pass", "1 finished pod(s) of 1", "Namespace", "(none)"],
      ["pass", "0 finished pod(s) of 1", "Namespace", "apps"],
      ["fail", "2 finished pods (1 failed) of 3", "Namespace", "jobs"],
    ]);
    expect(run(2)[2]).toEqual(["pass", "2 finished pod(s) of 3", "Namespace", "jobs"]);
  });
});

describe("StatefulSet, grace period, spread, sysctl and Windows checks", () => {
  const sts = (spec: string) => `apiVersion: apps/v1
kind: StatefulSet
metadata: { name: db, namespace: shop }
spec:
${spec}  selector: { matchLabels: { app: db } }
  template:
    metadata: { labels: { app: db } }
    spec: { containers: [{ name: db, image: "postgres:16" }] }
---
`;
  const svc = (name: string, spec: string) =>
    `apiVersion: v1\nkind: Service\nmetadata: { name: ${name}, namespace: shop }\nspec: ${spec}\n---\n`;

  it("statefulset-service-name: requires a headless Service selecting the pods", () => {
    const id = "statefulset-service-name";
    const at = "spec.serviceName";
    const named = sts("  serviceName: db\n");
    expect(results(sts(""), id)).toEqual([{ status: "fail", message: "no spec.serviceName", path: at }]);
    expect(results(named, id)).toEqual([
      { status: "skip", message: "no Services of namespace shop in the snapshot", path: at },
    ]);
    expect(results(`${svc("web", "{ clusterIP: None }")}${named}`, id)).toEqual([
      { status: "fail", message: "Service db not found", path: at },
    ]);
    expect(results(`${svc("db", "{ selector: { app: db } }")}${named}`, id)).toEqual([
      { status: "fail", message: "Service db is not headless (clusterIP: None)", path: at },
    ]);
    expect(results(`${svc("db", "{ clusterIP: None }")}${named}`, id)).toEqual([
      { status: "fail", message: "Service db has no selector, so it selects none of the pods", path: at },
    ]);
    expect(results(`${svc("db", "{ clusterIP: None, selector: { app: web } }")}${named}`, id)).toEqual([
      { status: "fail", message: "Service db's selector does not match the pod template's labels", path: at },
    ]);
    expect(results(`${svc("db", "{ clusterIP: None, selector: { app: db } }")}${named}`, id)).toEqual([
      { status: "pass", message: "headless Service db selects the pods", path: at },
    ]);
  });

  it("termination-grace-period: fails 0 and a preStop sleep as long as the grace period", () => {
    const id = "termination-grace-period";
    const at = `${P}.terminationGracePeriodSeconds`;
    const grace = (g: string, container = "") =>
      deployment({ pod: g ? `      terminationGracePeriodSeconds: ${g}\n` : "", container });
    expect(results(grace("0"), id)).toEqual([
      { status: "fail", message: "terminationGracePeriodSeconds 0: no graceful shutdown", path: at },
    ]);
    expect(results(grace(""), id)).toEqual([{ status: "pass", message: "30s grace period", path: at }]);
    const sleep = (s: string) => `          lifecycle: { preStop: ${s} }\n`;
    expect(results(grace("", sleep("{ sleep: { seconds: 30 } }")), id)).toEqual([
      { status: "fail", message: "preStop of api sleeps 30s of a 30s grace period", path: at },
    ]);
    expect(
      results(grace("60", sleep('{ exec: { command: [sh, -c, "sleep 45 && nginx -s quit"] } }')), id),
    ).toEqual([{ status: "pass", message: "60s grace period", path: at }]);
    expect(results(grace("45", sleep('{ exec: { command: [sh, -c, "sleep 45"] } }')), id)).toMatchObject([
      { status: "fail", message: "preStop of api sleeps 45s of a 45s grace period" },
    ]);
    expect(results(grace("45", sleep('{ exec: { command: [sh, -c, "nosleep 90"] } }')), id)).toMatchObject([
      { status: "pass" },
    ]);
  });

  it("topology-spread-valid: names each constraint's problems, points at the first", () => {
    const id = "topology-spread-valid";
    const spread = (c: string) => deployment({ pod: `      topologySpreadConstraints: [${c}]\n` });
    const good =
      "{ maxSkew: 1, topologyKey: zone, whenUnsatisfiable: ScheduleAnyway, labelSelector: { matchLabels: { app: api } } }";
    expect(
      results(
        spread(
          `${good}, { maxSkew: 0, whenUnsatisfiable: Sometimes }, { maxSkew: 1, topologyKey: k, labelSelector: { matchLabels: { app: web } } }`,
        ),
        id,
      ),
    ).toEqual([
      {
        status: "fail",
        message:
          "topology spread constraint [1] maxSkew must be at least 1, no topologyKey, whenUnsatisfiable Sometimes, no labelSelector: counts no pod; " +
          "[2] whenUnsatisfiable missing, labelSelector does not select the workload's own pods",
        path: `${P}.topologySpreadConstraints[1]`,
      },
    ]);
    expect(results(spread(`${good}, ${good.replace("ScheduleAnyway", "DoNotSchedule")}`), id)).toEqual([
      {
        status: "pass",
        message: "2 constraint(s) spread the workload's own pods",
        path: `${P}.topologySpreadConstraints`,
      },
    ]);
    expect(
      results(
        spread(
          "{ topologyKey: k, whenUnsatisfiable: DoNotSchedule, labelSelector: { matchLabels: { app: api } } }",
        ),
        id,
      ),
    ).toEqual([
      {
        status: "fail",
        message: "topology spread constraint [0] maxSkew must be at least 1",
        path: `${P}.topologySpreadConstraints[0]`,
      },
    ]);
    expect(results(deployment({}), id)).toEqual([]);
  });

  it("topology-spread-zones: asks replicated workloads for a zone spread, unless the nodes share one zone", () => {
    const id = "topology-spread-zones";
    const zoneSpread =
      "      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: { matchLabels: { app: api } } }]\n";
    expect(results(deployment({ pod: zoneSpread }), id)).toEqual([
      {
        status: "pass",
        message: "zone topology spread of its own pods",
        path: `${P}.topologySpreadConstraints[0]`,
      },
    ]);
    expect(results(deployment({}), id)).toEqual([
      {
        status: "fail",
        message: "2 replicas with no zone spread of its own pods",
        path: `${P}.topologySpreadConstraints`,
      },
    ]);
    const node = (n: number, zone: string) =>
      `apiVersion: v1\nkind: Node\nmetadata: { name: n${n}, labels: { topology.kubernetes.io/zone: ${zone} } }\n---\n`;
    expect(results(`${node(1, "a")}${node(2, "a")}${deployment({})}`, id)).toEqual([
      {
        status: "skip",
        message: "the cluster's nodes are in one zone",
        path: `${P}.topologySpreadConstraints`,
      },
    ]);
    expect(results(`${node(1, "a")}${node(2, "b")}${deployment({})}`, id)).toMatchObject([
      { status: "fail" },
    ]);
    expect(results(deployment({}).replace("replicas: 2", "replicas: 1"), id)).toEqual([]);
  });

  it("unsafe-sysctls: names the unsafe ones, counts the safe ones", () => {
    const id = "unsafe-sysctls";
    const at = `${P}.securityContext.sysctls`;
    const sysctls = (s: string) => deployment({ pod: `      securityContext: { sysctls: [${s}] }\n` });
    expect(
      results(
        sysctls(
          "{ name: net.ipv4.tcp_syncookies, value: '1' }, { name: kernel.msgmax, value: '1' }, { value: '1' }",
        ),
        id,
      ),
    ).toEqual([{ status: "fail", message: "unsafe sysctls: kernel.msgmax, ?", path: at }]);
    expect(
      results(
        sysctls(
          "{ name: net.ipv4.tcp_syncookies, value: '1' }, { name: kernel.shm_rmid_forced, value: '1' }",
        ),
        id,
      ),
    ).toEqual([{ status: "pass", message: "2 safe sysctl(s)", path: at }]);
    expect(results(deployment({}), id)).toEqual([]);
  });

  it("windows-host-process: judges Windows pods, however they say so", () => {
    const id = "windows-host-process";
    const hostProcess = "          securityContext: { windowsOptions: { hostProcess: true } }\n";
    expect(results(deployment({ container: hostProcess }), id)).toEqual([
      {
        status: "fail",
        message: "runs as a HostProcess container on the node",
        path: `${C}.securityContext.windowsOptions.hostProcess`,
      },
    ]);
    const isolated = { status: "pass", message: "runs isolated (not a HostProcess container)", path: C };
    expect(results(deployment({ pod: "      os: { name: windows }\n" }), id)).toEqual([isolated]);
    expect(results(deployment({ pod: "      nodeSelector: { kubernetes.io/os: windows }\n" }), id)).toEqual([
      isolated,
    ]);
    expect(
      results(deployment({ pod: "      securityContext: { windowsOptions: { runAsUserName: u } }\n" }), id),
    ).toEqual([isolated]);
    expect(results(deployment({ pod: "      nodeSelector: { kubernetes.io/os: linux }\n" }), id)).toEqual([]);
  });
});

describe("database-backup", () => {
  const id = "database-backup";
  const sts = (containers: string, ns = "shop") => `apiVersion: apps/v1
kind: StatefulSet
metadata: { name: db, namespace: ${ns} }
spec:
  serviceName: db
  selector: { matchLabels: { app: db } }
  template:
    metadata: { labels: { app: db } }
    spec:
      ${containers}
---
`;
  const postgres = sts(
    'containers: [{ name: exporter, image: "exporter:1" }, { name: db, image: "postgres:16" }]',
  );
  const cronjob = (name: string, container: string, extra = "", ns = "shop") => `apiVersion: batch/v1
kind: CronJob
metadata: { name: ${name}, namespace: ${ns} }
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers: [{ name: c, ${container} }]
${extra}---
`;
  const none = "postgres in the cluster with no backup tooling in the snapshot";
  const backedUp = (by: string) => [
    { status: "pass", message: `postgres backed up by ${by}`, path: undefined },
  ];

  it("judges StatefulSets running a database image in a regular container", () => {
    expect(results(postgres, id)).toEqual([{ status: "fail", message: none, path: undefined }]);
    expect(results(postgres.replace("StatefulSet", "Deployment"), id)).toEqual([]);
    const initOnly = sts(
      'initContainers: [{ name: i, image: "postgres:16" }]\n      containers: [{ name: app, image: "app:1" }]',
    );
    expect(results(initOnly, id)).toEqual([]);
  });

  it("names the cluster-wide backup tooling it finds", () => {
    const object = (apiVersion: string, kind: string) =>
      `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: { name: x, namespace: velero }\n---\n`;
    expect(results(`${object("postgresql.cnpg.io/v1", "ScheduledBackup")}${postgres}`, id)).toEqual(
      backedUp("ScheduledBackup objects"),
    );
    expect(results(`${object("velero.io/v1", "Schedule")}${postgres}`, id)).toEqual(
      backedUp("velero.io/v1 Schedule"),
    );
    expect(results(`${object("k8up.io/v1", "BackupStorageLocation")}${postgres}`, id)).toEqual(
      backedUp("BackupStorageLocation objects"),
    );
    expect(results(`${object("example.com/v1", "Schedule")}${postgres}`, id)).toMatchObject([
      { status: "fail" },
    ]);
    const velero = deployment({})
      .replace("image: nginx:1.27", "image: velero/velero:v1.13.0")
      .replace(/name: api,/, "name: velero,");
    expect(results(`${velero}---\n${postgres}`, id)).toEqual(
      backedUp("Deployment velero (velero/velero:v1.13.0)"),
    );
    // A CronJob running a backup image backs up its own namespace only.
    const other = cronjob("sync", 'image: "velero/velero:v1.13.0"', "", "ops");
    expect(results(`${other}${postgres}`, id)).toEqual([{ status: "fail", message: none, path: undefined }]);
  });

  it("names a dumping CronJob of the database's namespace", () => {
    const cases: [string, string, string][] = [
      ["pg-backup", 'image: "alpine:3"', ""],
      ["nightly", 'image: "example/mysqldump:1"', ""],
      ["nightly", 'image: "alpine:3", command: [sh, -c, pg_dump]', ""],
      ["nightly", 'image: "alpine:3", args: ["--rdb", "/out"]', ""],
      [
        "nightly",
        'image: "alpine:3"',
        "          volumes: [{ name: v, emptyDir: {} }, { name: w, persistentVolumeClaim: { claimName: db-dumps-backup } }]\n",
      ],
    ];
    for (const [name, container, extra] of cases)
      expect(results(`${cronjob(name, container, extra)}${postgres}`, id), name + container + extra).toEqual(
        backedUp(`CronJob ${name}`),
      );
    const idle = cronjob(
      "nightly",
      'image: "alpine:3", command: [sh, -c, date], args: [x]',
      "          volumes: [{ name: w, persistentVolumeClaim: { claimName: data } }]\n",
    );
    expect(results(`${idle}${postgres}`, id)).toMatchObject([{ status: "fail" }]);
    expect(results(`${cronjob("pg-backup", 'image: "alpine:3"', "", "ops")}${postgres}`, id)).toMatchObject([
      { status: "fail" },
    ]);
    const backupDeployment = deployment({}).replace("name: api,", "name: pg-backup,");
    expect(results(`${backupDeployment}---\n${postgres}`, id)).toMatchObject([{ status: "fail" }]);
  });
});

describe("deprecated-api-version", () => {
  const id = "deprecated-api-version";
  const at = "apiVersion";
  const object = (apiVersion: string, kind: string) =>
    `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: { name: x, namespace: shop }\n---\n`;
  const node =
    "apiVersion: v1\nkind: Node\nmetadata: { name: n1 }\nstatus: { nodeInfo: { kubeletVersion: v1.29.3 } }\n---\n";

  it("passes the built-in versions still served, leaves other groups alone", () => {
    expect(results(object("v1", "Service"), id)).toEqual([
      { status: "pass", message: "v1 is served", path: at },
    ]);
    expect(results(`${object("apps/v1", "Deployment")}${object("apps/v1", "StatefulSet")}`, id)).toEqual([
      { status: "pass", message: "apps/v1 is served", path: at },
      { status: "pass", message: "apps/v1 is served", path: at },
    ]);
    expect(results(object("example.com/v1", "Widget"), id)).toEqual([]);
  });

  it("names the removal, the replacement and the cluster's own version", () => {
    const removed = "extensions/v1beta1 Ingress was removed in Kubernetes 1.22; use networking.k8s.io/v1";
    expect(results(object("extensions/v1beta1", "Ingress"), id)).toEqual([
      { status: "fail", message: removed, path: at },
    ]);
    expect(results(`${node}${object("extensions/v1beta1", "Ingress")}`, id)).toEqual([
      { status: "pass", message: "v1 is served", path: at },
      { status: "fail", message: `${removed}; this cluster runs 1.29`, path: at },
    ]);
    expect(results(object("apps/v1beta2", "StatefulSet"), id)).toMatchObject([
      { status: "fail", message: "apps/v1beta2 StatefulSet was removed in Kubernetes 1.16; use apps/v1" },
    ]);
  });
});

describe("node-version-skew", () => {
  const id = "node-version-skew";
  const at = "status.nodeInfo.kubeletVersion";
  const version = (v: string) => `{"serverVersion": {"gitVersion": "${v}"}}\n---\n`;
  const node = (n: number, kubelet: string) =>
    `apiVersion: v1\nkind: Node\nmetadata: { name: n${n} }\nstatus: { nodeInfo: { kubeletVersion: ${kubelet} } }\n---\n`;

  it("compares each kubelet with the API server, three minors allowed from 1.28", () => {
    const yaml = `${version("v1.29.2")}${node(1, "v1.30.0")}${node(2, "v1.26.5")}${node(3, "v1.25.0")}${node(4, "v2.29.0")}`;
    expect(results(yaml, id)).toEqual([
      { status: "fail", message: "kubelet 1.30 is newer than the API server 1.29", path: at },
      { status: "pass", message: "kubelet 1.26 with API server 1.29", path: at },
      { status: "fail", message: "kubelet 1.25 is 4 minors behind 1.29", path: at },
      { status: "fail", message: "kubelet 2.29 is newer than the API server 1.29", path: at },
    ]);
    expect(results(`${version("v1.27.2")}${node(1, "v1.24.0")}${node(2, "v1.25.1")}`, id)).toEqual([
      { status: "fail", message: "kubelet 1.24 is 3 minors behind 1.27", path: at },
      { status: "pass", message: "kubelet 1.25 with API server 1.27", path: at },
    ]);
    expect(results(`${version("v1.28.0")}${node(1, "v1.25.0")}`, id)).toMatchObject([{ status: "pass" }]);
  });

  it("says nothing without a server version or a kubelet version", () => {
    expect(results(`${version("v1.29.2")}apiVersion: v1\nkind: Node\nmetadata: { name: n }\n`, id)).toEqual(
      [],
    );
    expect(
      results(`{"clientVersion": {"gitVersion": "v1.29.0"}}\n---\n${node(1, "v1.30.0")}`, id),
    ).toMatchObject([{ status: "pass", message: "kubelet 1.30 with API server 1.30" }]);
  });
});

describe("pdb-blocks-eviction", () => {
  const id = "pdb-blocks-eviction";
  const pdb = (spec: string, selector = "{ matchLabels: { app: api } }") => `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: api-pdb, namespace: shop }
spec:
  selector: ${selector}
${spec}---
`;
  const replicas = (n: number) => deployment({}).replace("replicas: 2", `replicas: ${n}`);

  it("fails a maxUnavailable of zero, in any spelling", () => {
    for (const v of ["0", "'0%'", "' 0% '"])
      expect(results(pdb(`  maxUnavailable: ${v}\n`), id)).toEqual([
        { status: "fail", message: "maxUnavailable 0 blocks every eviction", path: "spec.maxUnavailable" },
      ]);
    expect(results(pdb("  maxUnavailable: 10%\n  minAvailable: 100%\n"), id)).toEqual([
      { status: "pass", message: "allows evictions", path: "spec.maxUnavailable" },
    ]);
    expect(results(pdb(""), id)).toEqual([{ status: "pass", message: "allows evictions", path: "spec" }]);
  });

  it("fails a minAvailable that the pods it selects cannot exceed", () => {
    expect(results(pdb("  minAvailable: 100%\n"), id)).toEqual([
      { status: "fail", message: "minAvailable 100% blocks every eviction", path: "spec.minAvailable" },
    ]);
    expect(results(`${pdb("  minAvailable: 2\n")}${replicas(2)}`, id)).toEqual([
      {
        status: "fail",
        message: "minAvailable 2 with 2 replica(s) blocks every eviction",
        path: "spec.minAvailable",
      },
    ]);
    expect(results(`${pdb("  minAvailable: 2\n")}${replicas(3)}`, id)).toEqual([
      { status: "pass", message: "allows evictions", path: "spec.minAvailable" },
    ]);
    expect(results(`${pdb("  minAvailable: 67%\n")}${replicas(3)}`, id)).toEqual([
      {
        status: "fail",
        message: "minAvailable 67% (3 pod(s)) with 3 replica(s) blocks every eviction",
        path: "spec.minAvailable",
      },
    ]);
    expect(results(`${pdb("  minAvailable: 66%\n")}${replicas(3)}`, id)).toMatchObject([{ status: "pass" }]);
    expect(results(`${pdb("  minAvailable: 60%\n")}${replicas(4)}`, id)).toMatchObject([{ status: "pass" }]);
    // Nothing selected, nothing to block; a minAvailable that is neither a number nor a percentage is not judged.
    expect(results(pdb("  minAvailable: 5\n"), id)).toMatchObject([{ status: "pass" }]);
    expect(results(`${pdb("  minAvailable: five\n")}${replicas(1)}`, id)).toMatchObject([{ status: "pass" }]);
    expect(results(`${pdb("  minAvailable: 1\n", "{}")}${replicas(1)}`, id)).toMatchObject([
      { status: "fail" },
    ]);
  });

  it("counts the replicas at the HPA floor", () => {
    const hpa = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: h, namespace: shop }
spec: { scaleTargetRef: { kind: Deployment, name: api }, minReplicas: 2, maxReplicas: 6 }
---
`;
    expect(results(`${hpa}${pdb("  minAvailable: 2\n")}${replicas(5)}`, id)).toEqual([
      {
        status: "fail",
        message: "minAvailable 2 with 2 replica(s) at the HPA floor blocks every eviction",
        path: "spec.minAvailable",
      },
    ]);
    expect(results(`${hpa}${pdb("  minAvailable: 1\n")}${replicas(0)}`, id)).toMatchObject([
      { status: "pass" },
    ]);
  });
});

describe("NetworkPolicy coverage and peers", () => {
  const policy = (name: string, spec: string, ns = "shop") => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: ${name}, namespace: ${ns} }
spec:
${spec}---
`;
  const api = "  podSelector: { matchLabels: { app: api } }\n";

  it("network-policy-coverage: names the first policy isolating the pods, and whether egress is isolated", () => {
    const id = "network-policy-coverage";
    expect(results(deployment({}), id)).toEqual([
      {
        status: "fail",
        message: "no NetworkPolicy in namespace shop isolates these pods' ingress",
        path: undefined,
      },
    ]);
    expect(results(`${policy("a", api)}${policy("b", api)}${deployment({})}`, id)).toEqual([
      { status: "pass", message: "selected by NetworkPolicy shop/a (ingress only)", path: undefined },
    ]);
    const egressOnly = `${api}  policyTypes: [Egress]\n`;
    expect(results(`${policy("e", egressOnly)}${deployment({})}`, id)).toMatchObject([{ status: "fail" }]);
    expect(results(`${policy("e", egressOnly)}${policy("a", api)}${deployment({})}`, id)).toEqual([
      { status: "pass", message: "selected by NetworkPolicy shop/a; egress isolated too", path: undefined },
    ]);
    const all = "  podSelector: {}\n  policyTypes: [Ingress, Egress]\n";
    expect(results(`${policy("a", api)}${policy("all", all)}${deployment({})}`, id)).toEqual([
      { status: "pass", message: "selected by NetworkPolicy shop/all; egress isolated too", path: undefined },
    ]);
    expect(results(`${policy("all", all)}${policy("a", api)}${deployment({})}`, id)).toMatchObject([
      { message: "selected by NetworkPolicy shop/all; egress isolated too" },
    ]);
    expect(results(`${policy("all", all, "other")}${deployment({})}`, id)).toMatchObject([
      { status: "fail" },
    ]);
    const noNs = deployment({}).replace("namespace: shop", "labels: {}");
    expect(results(noNs, id)).toMatchObject([
      { status: "fail", message: "no NetworkPolicy in namespace (unset) isolates these pods' ingress" },
    ]);
  });

  it("network-policy-peers-select-pods: lists the peers that select no pod", () => {
    const id = "network-policy-peers-select-pods";
    const spec = `  podSelector: {}
  ingress:
    - from: [{ podSelector: { matchLabels: { app: api } } }, { podSelector: { matchLabels: { app: gone } } }]
    - from: [{ namespaceSelector: {}, podSelector: { matchLabels: { app: x } } }, { podSelector: {} }, { ipBlock: { cidr: 10.0.0.0/8 } }]
  egress:
    - to: [{ podSelector: { matchExpressions: [{ key: app, operator: In, values: [nope] }] } }]
`;
    expect(results(`${policy("p", spec)}${deployment({})}`, id)).toEqual([
      {
        status: "fail",
        message: "peer podSelector matches no pod: ingress[0] from app=gone; egress[0] to matchExpressions",
        path: "spec.ingress[0].from[1].podSelector",
      },
    ]);
    const good =
      "  podSelector: {}\n  ingress: [{ from: [{ podSelector: { matchLabels: { app: api } } }] }]\n  egress: [{ to: [{ podSelector: { matchLabels: { app: api } } }] }]\n";
    expect(results(`${policy("p", good)}${deployment({})}`, id)).toEqual([
      { status: "pass", message: "2 peer podSelector(s) match pods", path: undefined },
    ]);
    expect(results(`${policy("p", good, "other")}${deployment({})}`, id)).toEqual([
      { status: "skip", message: "no workloads of this namespace in the snapshot", path: undefined },
    ]);
    expect(
      results(
        `${policy("p", "  podSelector: {}\n  ingress: [{ from: [{ podSelector: {} }] }]\n")}${deployment({})}`,
        id,
      ),
    ).toEqual([]);
  });
});

describe("credential, selector and host mount checks", () => {
  it("secret-in-plain-config: names the env variables and ConfigMap keys holding credentials", () => {
    const id = "secret-in-plain-config";
    const env = `          env:
            - { name: DB_PASSWORD, value: hunter2-fixture-password }
            - { name: MODE, value: fast }
            - { name: DATABASE_URL, value: "postgres://app:hunter2-fixture@db:5432/app" }
            - { name: REF, valueFrom: { fieldRef: { fieldPath: metadata.name } } }
`;
    const cm = (data: string) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: cfg, namespace: shop }\n${data}---\n`;
    const yaml = `${cm("data: { api_token: hunter2-fixture-token, mode: fast }\n")}${cm("data: { mode: fast }\n")}${cm("")}${deployment({ container: env })}---\n${deployment({}).replace("name: api", "name: web")}`;
    expect(
      analyze(loadSnapshot([{ name: "t.yaml", data: enc(yaml) }]), {
        disabled: CHECKS.filter((c) => c.id !== id).map((c) => c.id),
      }).results.map((r) => [r.status, r.message, r.object?.name, r.object?.container, r.object?.path]),
    ).toEqual([
      ["fail", "credentials in literal env values: DB_PASSWORD, DATABASE_URL", "api", "api", `${C}.env`],
      ["pass", "no literal credentials in env", "web", "api", C],
      ["fail", "credentials in keys: api_token", "cfg", undefined, "data"],
      ["pass", "no credentials in values", "cfg", undefined, undefined],
      ["pass", "no credentials in values", "cfg", undefined, undefined],
    ]);
  });

  it("selector-matches-template: requires a selector where apps/v1 does, and one that matches", () => {
    const id = "selector-matches-template";
    const at = "spec.selector";
    const selector = (s: string) => deployment({}).replace("  selector: { matchLabels: { app: api } }\n", s);
    expect(results(deployment({}), id)).toEqual([
      { status: "pass", message: "the selector matches the pod template's labels", path: at },
    ]);
    expect(results(selector(""), id)).toEqual([
      { status: "fail", message: "no spec.selector: Deployment of apps/v1 requires one", path: at },
    ]);
    expect(results(selector("").replace("apps/v1", "extensions/v1beta1"), id)).toEqual([
      {
        status: "pass",
        message: "no spec.selector: extensions/v1beta1 defaults it to the template's labels",
        path: at,
      },
    ]);
    expect(results(selector("  selector: {}\n"), id)).toEqual([
      { status: "fail", message: "empty selector: selects every pod of the namespace", path: at },
    ]);
    expect(results(selector("  selector: { matchLabels: { app: web } }\n"), id)).toEqual([
      { status: "fail", message: "the selector does not match the pod template's labels", path: at },
    ]);
    const rc = (s: string) =>
      `apiVersion: v1\nkind: ReplicationController\nmetadata: { name: rc, namespace: shop }\nspec:\n  replicas: 2\n${s}  template:\n    metadata: { labels: { app: api } }\n    spec: { containers: [{ name: c, image: "c:1" }] }\n`;
    expect(results(rc("  selector: { app: api }\n"), id)).toMatchObject([{ status: "pass" }]);
    expect(results(rc("  selector: { app: web }\n"), id)).toMatchObject([{ status: "fail" }]);
    expect(results(rc(""), id)).toEqual([]);
    const job = (s: string) =>
      `apiVersion: batch/v1\nkind: Job\nmetadata: { name: j, namespace: shop }\nspec:\n${s}  template:\n    metadata: { labels: { app: j } }\n    spec: { containers: [{ name: c, image: "c:1" }] }\n`;
    expect(results(job("  selector: { matchLabels: { app: x } }\n"), id)).toEqual([]);
    expect(
      results(job("  manualSelector: true\n  selector: { matchLabels: { app: x } }\n"), id),
    ).toMatchObject([{ status: "fail", message: "the selector does not match the pod template's labels" }]);
    const pod =
      "apiVersion: v1\nkind: Pod\nmetadata: { name: p, namespace: shop }\nspec: { containers: [{ name: c, image: 'c:1' }] }\n";
    expect(results(pod, id)).toEqual([]);
  });

  it("sensitive-host-mounts: names each sensitive path, critical for the runtime socket and /", () => {
    const id = "sensitive-host-mounts";
    const mounts = (volumes: string, m: string) =>
      deployment({ pod: `      volumes: [${volumes}]\n`, container: `          volumeMounts: [${m}]\n` });
    const severities = (yaml: string) =>
      analyze(loadSnapshot([{ name: "t.yaml", data: enc(yaml) }]), {
        disabled: CHECKS.filter((c) => c.id !== id).map((c) => c.id),
      }).results.map((r) => [r.status, r.severity, r.message, r.object?.path]);
    const volumes =
      "{ name: tmp, emptyDir: {} }, { name: sock, hostPath: { path: /run/containerd/containerd.sock } }, { name: etc, hostPath: { path: /etc/ } }, { name: proc, hostPath: { path: /proc/sys } }, { name: sys, hostPath: { path: /sys } }";
    expect(
      severities(
        mounts(volumes, "{ name: proc, mountPath: /p }, { name: sys, mountPath: /s, readOnly: true }"),
      ),
    ).toEqual([
      [
        "fail",
        "critical",
        "mounts container runtime socket /run/containerd/containerd.sock, host path /etc, writable host path /proc/sys",
        `${P}.volumes[1].hostPath`,
      ],
    ]);
    expect(severities(mounts("{ name: etc, hostPath: { path: /var/lib/kubelet } }", ""))).toEqual([
      ["fail", "high", "mounts host path /var/lib/kubelet", `${P}.volumes[0].hostPath`],
    ]);
    expect(severities(mounts("{ name: root, hostPath: { path: '//' } }", ""))).toEqual([
      ["fail", "critical", "mounts host path /", `${P}.volumes[0].hostPath`],
    ]);
    expect(
      severities(
        mounts(
          "{ name: proc, hostPath: { path: /proc } }, { name: logs, hostPath: { path: /var/log } }, { hostPath: { path: /procx } }",
          "{ name: proc, mountPath: /p, readOnly: true }",
        ),
      ),
    ).toEqual([["pass", "critical", "host paths /proc, /var/log, /procx are not sensitive", undefined]]);
    expect(results(deployment({}), id)).toEqual([]);
  });
});

describe("Service selector and target port checks", () => {
  const service = (spec: string) => `apiVersion: v1
kind: Service
metadata: { name: api, namespace: shop }
spec:
${spec}---
`;
  it("service-selector-matches: names a pod it selects, or the selector that selects none", () => {
    const id = "service-selector-matches";
    const at = "spec.selector";
    expect(results(`${service("  selector: { app: api }\n")}${deployment({})}`, id)).toEqual([
      { status: "pass", message: "selects Deployment shop/api", path: at },
    ]);
    expect(results(`${service("  selector: { app: web, tier: front }\n")}${deployment({})}`, id)).toEqual([
      { status: "fail", message: "selector app=web,tier=front matches no pod or pod template", path: at },
    ]);
    const pod =
      "apiVersion: v1\nkind: Pod\nmetadata: { name: p, namespace: other }\nspec: { containers: [{ name: c, image: 'c:1' }] }\n";
    expect(results(`${service("  selector: { app: web }\n")}${pod}`, id)).toMatchObject([{ status: "fail" }]);
    expect(results(service("  selector: { app: web }\n"), id)).toEqual([
      { status: "skip", message: "snapshot contains no pods or workloads", path: at },
    ]);
    for (const spec of [
      "  type: ExternalName\n  selector: { app: api }\n",
      "  selector: {}\n",
      "  ports: [{ port: 80 }]\n",
    ])
      expect(results(`${service(spec)}${deployment({})}`, id)).toEqual([
        { status: "skip", message: "no selector (endpoints managed elsewhere)", path: at },
      ]);
  });

  it("service-target-port: names each port whose target matches no container port", () => {
    const id = "service-target-port";
    const ports = (p: string) =>
      deployment({
        container: `          ports: [${p}]\n`,
      }).replace(
        "      containers:\n",
        '      initContainers: [{ name: init, image: "i:1", ports: [{ name: init, containerPort: 7000 }] }]\n      containers:\n',
      );
    const svc = service(
      "  selector: { app: api }\n  ports: [{ port: 80, targetPort: http }, { port: 81, targetPort: 8081 }, { port: 82, targetPort: init }, { port: 7000 }, { port: 443, targetPort: '8443' }]\n",
    );
    expect(
      results(`${svc}${ports("{ name: http, containerPort: 8080 }, { containerPort: 8443 }")}`, id),
    ).toEqual([
      {
        status: "fail",
        message:
          "port 81 → targetPort 8081 matches no container port; port 82 → targetPort init matches no container port; port 7000 → targetPort 7000 matches no container port",
        path: "spec.ports[1].targetPort",
      },
    ]);
    const ok = service(
      "  selector: { app: api }\n  ports: [{ port: 80, targetPort: http }, { port: 8081 }]\n",
    );
    expect(
      results(`${ok}${ports("{ name: http, containerPort: 8080 }, { containerPort: 8081 }")}`, id),
    ).toEqual([{ status: "pass", message: "target ports match", path: undefined }]);
    // Numbers are only compared when some container declares one; names always are.
    const undeclared = service("  selector: { app: api }\n  ports: [{ port: 80, targetPort: 9999 }]\n");
    expect(results(`${undeclared}${deployment({})}`, id)).toMatchObject([{ status: "pass" }]);
    const named = service("  selector: { app: api }\n  ports: [{ port: 80, targetPort: web }]\n");
    expect(results(`${named}${deployment({})}`, id)).toMatchObject([{ status: "fail" }]);
    const elsewhere = service("  selector: { app: web }\n  ports: [{ port: 80, targetPort: web }]\n");
    expect(results(`${elsewhere}${deployment({})}`, id)).toEqual([]);
    expect(results(`${service("  ports: [{ port: 80 }]\n")}${deployment({})}`, id)).toEqual([]);
    expect(results(`${service("  selector: {}\n  ports: [{ port: 80 }]\n")}${deployment({})}`, id)).toEqual(
      [],
    );
  });
});

describe("tls-certificate-expiry", () => {
  const id = "tls-certificate-expiry";
  // The fixture's certificate: CN=api.example.com, valid until 2026-11-22T10:42:04Z.
  const pem = /tls\.crt: (\S+)/.exec(
    readFileSync(join(FIXTURES_DIR, "tls-certificate-expiry", "fail.yaml"), "utf8"),
  )?.[1] as string;
  const secret = (data: string, ns = ", namespace: shop") =>
    `apiVersion: v1\nkind: Secret\nmetadata: { name: api-tls${ns} }\ntype: kubernetes.io/tls\ndata:\n  ${data}\n---\n`;
  const ingress = (name: string, secretName = "api-tls") => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: ${name}, namespace: shop }
spec:
  tls: [{ hosts: [a.example.com] }, { hosts: [a.example.com], secretName: ${secretName} }]
---
`;
  const run = (yaml: string, now: string, params?: Record<string, unknown>) =>
    analyze(loadSnapshot([{ name: "t.yaml", data: enc(yaml) }]), {
      now: new Date(now),
      disabled: CHECKS.filter((c) => c.id !== id).map((c) => c.id),
      params: params && { [id]: params },
    }).results.map((r) => [r.status, r.severity, r.message, r.object?.kind, r.object?.name, r.object?.path]);
  const cert = 'certificate "CN=api.example.com, O=Kubeready fixture" in Secret shop/api-tls (tls.crt)';
  const where = ["Secret", "api-tls", "data.tls.crt"];

  it("grades the time left, names the Ingresses using the Secret", () => {
    const yaml = `${ingress("web")}${ingress("admin")}${ingress("other", "other-tls")}${secret(`tls.crt: ${pem}`)}`;
    const used = "; used by Ingress web, admin";
    expect(run(yaml, "2026-11-23T00:00:00Z")).toEqual([
      ["fail", "critical", `${cert} expired on 2026-11-22${used}`, ...where],
    ]);
    expect(run(yaml, "2026-11-22T10:42:04Z").map((r) => r.slice(0, 2))).toEqual([["fail", "critical"]]);
    expect(run(yaml, "2026-11-21T00:00:00Z")).toEqual([
      ["fail", "high", `${cert} expires in 1 day(s) on 2026-11-22${used}`, ...where],
    ]);
    expect(run(yaml, "2026-11-21T00:00:00Z", { warningDays: 1 })).toEqual([
      ["fail", "medium", `${cert} expires in 1 day(s) on 2026-11-22${used}`, ...where],
    ]);
    expect(
      run(yaml, "2026-11-21T00:00:00Z", { warningDays: 0, noticeDays: 2 }).map((r) => r.slice(0, 2)),
    ).toEqual([["fail", "medium"]]);
    expect(run(yaml, "2026-11-21T00:00:00Z", { warningDays: 0, noticeDays: 1 })).toEqual([
      ["pass", "critical", `${cert} valid until 2026-11-22${used}`, ...where],
    ]);
  });

  it("numbers the certificates of a bundle after the first, and says nothing without certificates", () => {
    const bundle = Buffer.from(Buffer.from(pem, "base64").toString("utf8").repeat(2)).toString("base64");
    const results = run(secret(`ca.crt: ${bundle}`, ""), "2026-11-21T00:00:00Z", {
      warningDays: 0,
      noticeDays: 0,
    });
    expect(results.map((r) => r[2])).toEqual([
      'certificate "CN=api.example.com, O=Kubeready fixture" in Secret api-tls (ca.crt) valid until 2026-11-22',
      'certificate "CN=api.example.com, O=Kubeready fixture" in Secret api-tls (ca.crt #2) valid until 2026-11-22',
    ]);
    expect(results[0]?.[5]).toBe("data.ca.crt");
    expect(run(ingress("web"), "2026-11-21T00:00:00Z")).toEqual([]);
  });
});

describe("startup-probe-stateful", () => {
  const id = "startup-probe-stateful";
  const live = (probe: string, image = "app:1", extra = "") =>
    deployment({
      container: `          livenessProbe: { httpGet: { path: /, port: 80 }${probe} }\n${extra}`,
    }).replace("image: nginx:1.27", `image: "${image}"`);

  it("names why the container starts slowly and how long its liveness probe tolerates", () => {
    expect(results(live("", "postgres:16"), id)).toEqual([
      {
        status: "fail",
        message:
          "postgres image: liveness probe kills it after 30s of start-up and there is no startup probe",
        path: `${C}.startupProbe`,
      },
    ]);
    expect(
      results(
        live(", initialDelaySeconds: 100, failureThreshold: 10, periodSeconds: 20", "eclipse-temurin:21"),
        id,
      ),
    ).toEqual([{ status: "pass", message: "JVM: liveness probe tolerates 300s of start-up", path: C }]);
    expect(
      results(
        live(", initialDelaySeconds: 99, failureThreshold: 10, periodSeconds: 20", "eclipse-temurin:21"),
        id,
      ),
    ).toMatchObject([
      {
        status: "fail",
        message: "JVM: liveness probe kills it after 299s of start-up and there is no startup probe",
      },
    ]);
    expect(
      results(live(", failureThreshold: 5", "app:1", "          command: [java, -jar, app.jar]\n"), id, {
        tolerantStartSeconds: 50,
      }),
    ).toEqual([{ status: "pass", message: "JVM: liveness probe tolerates 50s of start-up", path: C }]);
    const probed = live(
      "",
      "app:1",
      "          startupProbe: { httpGet: { path: /, port: 80 } }\n          env: [{ name: JAVA_OPTS, value: -Xmx1g }]\n",
    );
    expect(results(probed, id)).toEqual([
      { status: "pass", message: "JVM: startup probe protects the start-up phase", path: C },
    ]);
    const statefulSet = live("").replace("kind: Deployment", "kind: StatefulSet");
    expect(results(statefulSet, id)).toMatchObject([
      {
        status: "fail",
        message: "StatefulSet: liveness probe kills it after 30s of start-up and there is no startup probe",
      },
    ]);
  });

  it("skips containers without a liveness probe or a slow start", () => {
    expect(results(live(""), id)).toEqual([{ status: "skip", message: "not a slow starter", path: C }]);
    expect(results(deployment({}).replace("nginx:1.27", "postgres:16"), id)).toEqual([
      { status: "skip", message: "no liveness probe", path: C },
    ]);
  });
});

describe("jvm-memory-headroom", () => {
  const id = "jvm-memory-headroom";
  const jvm = (opts: string, limit = "memory: 2Gi") =>
    deployment({
      container: `          env: [{ name: JAVA_TOOL_OPTIONS, value: "${opts}" }]\n          resources: { limits: { ${limit} } }\n`,
    });
  const field = `${C}.resources.limits.memory`;

  it("compares -Xmx plus the headroom with the memory limit", () => {
    expect(results(jvm("-Xms256m -Xmx1536m"), id)).toEqual([
      {
        status: "fail",
        message: "memory limit 2Gi leaves 512Mi above -Xmx 1.5Gi; needs ≥ 2.5Gi",
        path: field,
      },
    ]);
    expect(results(jvm("-Xmx1g -XX:MaxHeapSize=1024M"), id)).toEqual([
      { status: "pass", message: "memory limit 2Gi ≥ -Xmx 1Gi + 1Gi", path: C },
    ]);
    expect(results(jvm("-Xmx1048577k"), id)).toMatchObject([{ status: "fail" }]);
    expect(results(jvm("-Xmx3g", "memory: 2Gi"), id)).toMatchObject([
      { status: "fail", message: "memory limit 2Gi leaves 0Mi above -Xmx 3Gi; needs ≥ 4Gi" },
    ]);
    expect(results(jvm("-Xmx2147483648"), id, { headroomMiB: 0 })).toMatchObject([
      { status: "pass", message: "memory limit 2Gi ≥ -Xmx 2Gi + 0Mi" },
    ]);
    expect(results(jvm("-Xmx1t", "memory: 2Ti"), id, { headroomMiB: 0 })).toMatchObject([{ status: "pass" }]);
  });

  it("compares MaxRAMPercentage (or MaxRAMFraction) with its maximum", () => {
    expect(results(jvm("-XX:MaxRAMPercentage=80.0 -XX:MaxRAMPercentage=50"), id)).toEqual([
      {
        status: "fail",
        message: "MaxRAMPercentage 80% leaves only 409.6Mi of the 2Gi limit outside the heap; keep it ≤ 75%",
        path: field,
      },
    ]);
    expect(results(jvm("-XX:MaxRAMPercentage=75"), id)).toEqual([
      { status: "pass", message: "MaxRAMPercentage 75% leaves 512Mi of 2Gi", path: C },
    ]);
    expect(results(jvm("-XX:MaxRAMFraction=2 -XX:MaxRAMFraction=0"), id)).toMatchObject([
      { status: "pass", message: "MaxRAMPercentage 50% leaves 1Gi of 2Gi" },
    ]);
    expect(results(jvm("-XX:MaxRAMFraction=1"), id)).toMatchObject([{ status: "fail" }]);
    expect(results(jvm("-XX:MaxRAMPercentage=90"), id, { maxHeapPercent: 90 })).toMatchObject([
      { status: "pass" },
    ]);
  });

  it("skips containers without JVM options or a memory limit", () => {
    const skip = (message: string) => [{ status: "skip", message, path: C }];
    expect(results(deployment({}), id)).toEqual(skip("no -Xmx or -XX:MaxRAMPercentage found"));
    expect(results(jvm("-Xss1m -XX:+UseG1GC"), id)).toEqual(skip("no -Xmx or -XX:MaxRAMPercentage found"));
    expect(results(jvm("-Xmx1g", "cpu: 1"), id)).toEqual(skip("no memory limit (see resource-limits)"));
  });
});

describe("cluster version and agent checks", () => {
  const version = (v: string) => `{"serverVersion": {"gitVersion": "${v}"}}\n---\n`;
  const node = (kubelet: string) =>
    `apiVersion: v1\nkind: Node\nmetadata: { name: n1 }\nstatus: { nodeInfo: { kubeletVersion: ${kubelet} } }\n---\n`;
  const eol = (yaml: string, now = "2026-11-21T00:00:00Z") =>
    analyze(loadSnapshot([{ name: "t.yaml", data: enc(`${yaml}${deployment({})}`) }]), {
      now: new Date(now),
      disabled: CHECKS.filter((c) => c.id !== "kubernetes-version-eol").map((c) => c.id),
    }).results.map((r) => [r.status, r.message]);

  it("kubernetes-version-eol: names the version, where it was read and its end of life", () => {
    expect(eol(version("v1.33.4"))).toEqual([
      ["fail", "Kubernetes 1.33 (server) reached end of life on 2026-06-28"],
    ]);
    expect(eol(version("v1.33.4"), "2026-06-28T00:00:00Z")).toEqual([
      ["fail", "Kubernetes 1.33 (server) reached end of life on 2026-06-28"],
    ]);
    expect(eol(version("v1.33.4"), "2026-06-27T23:59:59Z")).toEqual([
      ["pass", "Kubernetes 1.33 (server) is maintained until 2026-06-28"],
    ]);
    expect(eol(node("v1.35.0"))).toEqual([
      ["pass", "Kubernetes 1.35 (kubelet) is maintained until 2027-02-28"],
    ]);
    expect(eol(version("v1.18.0"))).toEqual([["fail", "Kubernetes 1.18 (server) is long past end of life"]]);
    expect(eol(version("v1.40.0"))).toEqual([
      ["pass", "Kubernetes 1.40 (server) is newer than the known releases"],
    ]);
    expect(eol(version("v2.1.0"))).toEqual([
      ["pass", "Kubernetes 2.1 (server) is newer than the known releases"],
    ]);
    expect(eol("")).toEqual([]);
  });

  it("monitoring, logging and alerting agents: name the evidence, on whole-cluster snapshots only", () => {
    const node = "apiVersion: v1\nkind: Node\nmetadata: { name: n1 }\n---\n";
    const agent = (name: string, image: string, ns = "namespace: monitoring") =>
      deployment({})
        .replace("name: api, namespace: shop", `name: ${name}, ${ns}`)
        .replace("image: nginx:1.27", `image: ${image}`);
    expect(
      results(`${node}${agent("exporter", "quay.io/prometheus/node-exporter:v1.8.0")}`, "monitoring-agent"),
    ).toEqual([
      {
        status: "pass",
        message: "monitoring agent: Deployment monitoring/exporter (quay.io/prometheus/node-exporter:v1.8.0)",
        path: undefined,
      },
    ]);
    expect(results(`${node}${agent("vector", "example/shipper:1", "labels: {}")}`, "logging-agent")).toEqual([
      { status: "pass", message: "log shipper: Deployment vector (example/shipper:1)", path: undefined },
    ]);
    const rule =
      "apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata: { name: r, namespace: monitoring }\n---\n";
    expect(results(`${node}${rule}${deployment({})}`, "alerting-agent")).toEqual([
      { status: "pass", message: "alerting: PrometheusRule objects", path: undefined },
    ]);
    expect(results(`${node}${deployment({})}`, "alerting-agent")).toEqual([
      { status: "fail", message: "no alerting found in the cluster", path: undefined },
    ]);
    expect(results(`${node}${deployment({})}`, "monitoring-agent")).toEqual([
      { status: "fail", message: "no monitoring agent found in the cluster", path: undefined },
    ]);
    expect(results(`${node}${deployment({})}`, "logging-agent")).toEqual([
      { status: "fail", message: "no log shipper found in the cluster", path: undefined },
    ]);
    expect(results(deployment({}), "monitoring-agent")).toEqual([
      {
        status: "skip",
        message:
          "not a whole-cluster snapshot (no Nodes or live kube-system workloads next to the workloads)",
        path: undefined,
      },
    ]);
  });
});

describe("label and Ingress checks", () => {
  it("label-values-valid: names each invalid key and value, the object's before its template's", () => {
    const id = "label-values-valid";
    const labelled = (own: string, template: string) =>
      deployment({})
        .replace(
          "metadata: { name: api, namespace: shop }",
          `metadata: { name: api, namespace: shop, labels: { ${own} } }`,
        )
        .replace("metadata: { labels: { app: api } }", `metadata: { labels: { app: api, ${template} } }`);
    const long = "x".repeat(64);
    expect(
      results(
        labelled(
          `"Example.com/a": b, "-a": b, c: ${long}, d: "e f", ok: ""`,
          `"a/${long}": v, t: "-x", n: 5`,
        ),
        id,
      ),
    ).toEqual([
      {
        status: "fail",
        message:
          "invalid label key Example.com/a: the prefix must be a DNS subdomain; " +
          "key -a: the name must start and end with a letter or digit and hold only letters, digits, '-', '_' and '.'; " +
          "c: the value is longer than 63 characters; " +
          `d: the value "e f" must start and end with a letter or digit and hold only letters, digits, '-', '_' and '.'; ` +
          `key a/${long}: the name must be 1 to 63 characters; ` +
          `t: the value "-x" must start and end with a letter or digit and hold only letters, digits, '-', '_' and '.'; ` +
          "n: the value 5 is not a string",
        path: "metadata.labels",
      },
    ]);
    expect(results(labelled("ok: a.b_c-d", '"x/": y'), id)).toEqual([
      {
        status: "fail",
        message: "invalid label key x/: the name must be 1 to 63 characters",
        path: "spec.template.metadata.labels",
      },
    ]);
    expect(
      results(labelled(`"example.com/app": "A1", "${"a".repeat(63)}": "${"b".repeat(63)}"`, "tier: web"), id),
    ).toEqual([{ status: "pass", message: "4 label(s) valid", path: undefined }]);
    const prefix = `${"a".repeat(250)}.com`;
    expect(results(labelled(`"${prefix}/k": v`, "t: u"), id)).toMatchObject([
      { status: "fail", message: `invalid label key ${prefix}/k: the prefix must be a DNS subdomain` },
    ]);
    expect(results("apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c, namespace: shop }\n", id)).toEqual(
      [],
    );
    const pod =
      "apiVersion: v1\nkind: Pod\nmetadata: { name: p, namespace: shop, labels: { a: '-' } }\nspec: { containers: [{ name: c, image: 'c:1' }] }\n";
    expect(results(pod, id)).toMatchObject([{ status: "fail", path: "metadata.labels" }]);
  });

  const ingress = (
    name: string,
    spec: string,
    extra = "",
    apiVersion = "networking.k8s.io/v1",
  ) => `apiVersion: ${apiVersion}
kind: Ingress
metadata: { name: ${name}, namespace: shop${extra} }
spec:
${spec}---
`;
  const rule = (host: string, paths: string[]) =>
    `    - host: ${host}\n      http:\n        paths:\n${paths.map((p) => `          - { path: ${p}, pathType: Prefix, backend: { service: { name: web, port: { number: 80 } } } }\n`).join("")}`;

  it("ingress-host-conflict: names the other Ingresses claiming a host and path, three at most", () => {
    const id = "ingress-host-conflict";
    const claim = (n: number, cls = "nginx") =>
      ingress(`i${n}`, `  ingressClassName: ${cls}\n  rules:\n${rule("a.example.com", ["/", "/api"])}`);
    const yaml = [1, 2, 3, 4, 5].map((n) => claim(n)).join("") + claim(6, "other");
    const out = results(yaml, id);
    expect(out[0]).toEqual({
      status: "fail",
      message:
        "a.example.com/ also in Ingress shop/i2, Ingress shop/i3, Ingress shop/i4 and 1 more; " +
        "a.example.com/api also in Ingress shop/i2, Ingress shop/i3, Ingress shop/i4 and 1 more",
      path: "spec.rules",
    });
    expect(out[4]).toMatchObject({
      message:
        "a.example.com/ also in Ingress shop/i1, Ingress shop/i2, Ingress shop/i3 and 1 more; a.example.com/api also in Ingress shop/i1, Ingress shop/i2, Ingress shop/i3 and 1 more",
    });
    expect(out[5]).toEqual({ status: "pass", message: "hosts and paths are unique", path: undefined });
    const twice = ingress("t", `  rules:\n${rule("b.example.com", ["/", "/"])}`);
    expect(results(`${twice}${ingress("u", `  rules:\n${rule("b.example.com", ["/"])}`)}`, id)).toEqual([
      { status: "fail", message: "b.example.com/ also in Ingress shop/u", path: "spec.rules" },
      { status: "fail", message: "b.example.com/ also in Ingress shop/t", path: "spec.rules" },
    ]);
    expect(results(`${claim(1)}${claim(2).replace("a.example.com", "c.example.com")}`, id)).toMatchObject([
      { status: "pass" },
      { status: "pass" },
    ]);
  });

  it("ingress-backend-service: names each backend that routes nowhere", () => {
    const id = "ingress-backend-service";
    const svc =
      "apiVersion: v1\nkind: Service\nmetadata: { name: web, namespace: shop }\nspec: { ports: [{ name: http, port: 80 }, { port: 8080 }] }\n---\n";
    const backends = `  defaultBackend: { service: { name: web, port: { name: http } } }
  rules:
    - http:
        paths:
          - { path: /a, pathType: Prefix, backend: { service: { name: gone, port: { number: 80 } } } }
          - { path: /b, pathType: Prefix, backend: { service: { name: web, port: { number: 81 } } } }
          - { path: /c, pathType: Prefix, backend: { service: { name: web, port: { name: grpc } } } }
          - { path: /d, pathType: Prefix, backend: { service: { name: gone, port: { number: 80 } } } }
          - { path: /e, pathType: Prefix, backend: { resource: { kind: Bucket, name: b } } }
          - { path: /f, pathType: Prefix, backend: { service: { name: web } } }
          - { path: /g, pathType: Prefix, backend: { service: { name: web, port: { number: 8080 } } } }
`;
    expect(results(`${svc}${ingress("i", backends)}`, id)).toEqual([
      {
        status: "fail",
        message: "Service gone not found; Service web has no port 81; Service web has no port grpc",
        path: "spec.rules[0].http.paths[0].backend",
      },
    ]);
    const good =
      "  defaultBackend: { service: { name: web, port: { number: 8080 } } }\n  rules: [{ http: { paths: [{ path: /, pathType: Prefix, backend: { service: { name: web, port: { name: http } } } }] } }]\n";
    expect(results(`${svc}${ingress("i", good)}`, id)).toEqual([
      { status: "pass", message: "2 backend(s) resolve", path: undefined },
    ]);
    expect(results(ingress("i", good), id)).toEqual([]);
    const legacy = "  backend: { serviceName: web, servicePort: '80' }\n";
    expect(results(`${svc}${ingress("i", legacy, "", "networking.k8s.io/v1beta1")}`, id)).toEqual([
      { status: "pass", message: "1 backend(s) resolve", path: undefined },
    ]);
    expect(results(ingress("i", legacy), id)).toEqual([
      {
        status: "fail",
        message:
          "spec.backend is not a field of networking.k8s.io/v1 (use spec.defaultBackend): no default backend",
        path: "spec.backend",
      },
    ]);
    expect(results(ingress("i", "  defaultBackend: { serviceName: web, servicePort: 80 }\n"), id)).toEqual([
      {
        status: "fail",
        message:
          "serviceName/servicePort are not fields of networking.k8s.io/v1 (use service.name and service.port): backend names no Service",
        path: "spec.defaultBackend",
      },
    ]);
    expect(
      results(ingress("i", "  backend: { service: { name: web } }\n", "", "extensions/v1beta1"), id),
    ).toMatchObject([
      {
        status: "fail",
        message:
          "service.name is not a field of extensions/v1beta1 (use serviceName and servicePort): backend names no Service",
      },
    ]);
    expect(results(ingress("i", "  defaultBackend: {}\n"), id)).toMatchObject([
      { status: "fail", message: "backend names no Service" },
    ]);
    const elsewhere = svc.replace("namespace: shop", "namespace: other");
    expect(results(`${elsewhere}${ingress("i", good)}`, id)).toEqual([]);
  });
});

describe("selector forms", () => {
  const template = `  template:
    metadata: { labels: { app: api } }
    spec: { containers: [{ name: c, image: "c:1" }] }
`;
  const controller = (apiVersion: string, kind: string, spec: string) =>
    `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: { name: w, namespace: shop }\nspec:\n${spec}${template}`;

  it("selector-matches-template: reads a map or a LabelSelector, as each kind takes it", () => {
    const id = "selector-matches-template";
    const matches = [
      { status: "pass", message: "the selector matches the pod template's labels", path: "spec.selector" },
    ];
    const empty = [
      {
        status: "fail",
        message: "empty selector: selects every pod of the namespace",
        path: "spec.selector",
      },
    ];
    // Custom kinds recognised by shape may carry either form.
    expect(results(controller("example.com/v1", "Widget", "  selector: { app: api }\n"), id)).toEqual(
      matches,
    );
    expect(
      results(controller("example.com/v1", "Widget", "  selector: { matchLabels: { app: api } }\n"), id),
    ).toEqual(matches);
    const expressions = "  selector: { matchExpressions: [{ key: app, operator: In, values: [web] }] }\n";
    expect(results(controller("example.com/v1", "Widget", expressions), id)).toMatchObject([
      { status: "fail" },
    ]);
    // The built-in kinds, Jobs and Rollouts take a LabelSelector only: a bare map selects nothing.
    expect(results(controller("apps/v1", "Deployment", "  selector: { app: api }\n"), id)).toEqual(empty);
    expect(results(controller("argoproj.io/v1alpha1", "Rollout", "  selector: { app: api }\n"), id)).toEqual(
      empty,
    );
    expect(
      results(controller("batch/v1", "Job", "  manualSelector: true\n  selector: { app: api }\n"), id),
    ).toEqual(empty);
    // Only a pod template at spec.template is judged.
    const cronjob = `apiVersion: batch/v1
kind: CronJob
metadata: { name: c, namespace: shop }
spec:
  selector: { matchLabels: { app: other } }
  schedule: "0 3 * * *"
  jobTemplate: { spec: { template: { metadata: { labels: { app: api } }, spec: { containers: [{ name: c, image: "c:1" }] } } } }
`;
    expect(results(cronjob, id)).toEqual([]);
  });

  it("service-target-port: any selected pod may declare the port; names ending or starting with a digit are names", () => {
    const id = "service-target-port";
    const pods = (name: string, ports: string) =>
      deployment({ container: `          ports: [${ports}]\n` }).replace(
        "name: api, namespace",
        `name: ${name}, namespace`,
      );
    const service = (ports: string) =>
      `apiVersion: v1\nkind: Service\nmetadata: { name: s, namespace: shop }\nspec: { selector: { app: api }, ports: [${ports}] }\n---\n`;
    const two = `${pods("a", "{ containerPort: 8080 }")}---\n${pods("b", "{ name: http2, containerPort: 8081 }, { name: 8http, containerPort: 8082 }")}`;
    expect(
      results(
        `${service("{ port: 80, targetPort: http2 }, { port: 81, targetPort: 8http }, { port: 82, targetPort: 8080 }")}${two}`,
        id,
      ),
    ).toEqual([{ status: "pass", message: "target ports match", path: undefined }]);
    expect(
      results(`${service("{ port: 80, targetPort: 9999 }")}${pods("a", "{ containerPort: 8080 }")}`, id),
    ).toEqual([
      {
        status: "fail",
        message: "port 80 → targetPort 9999 matches no container port",
        path: "spec.ports[0].targetPort",
      },
    ]);
    expect(
      results(
        `apiVersion: v1\nkind: Service\nmetadata: { name: s, namespace: shop }\n---\n${pods("a", "{ containerPort: 8080 }")}`,
        id,
      ),
    ).toEqual([]);
  });
});
