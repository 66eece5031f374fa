// Edge cases of the machinery every check relies on — namespace scoping, label selectors, live-dump
// de-duplication, owned pods, container kinds, apiVersions, HPA floors and Lists — asserted as the exact
// set of results a check gives per object, so that breaking any of them fails a test (each was verified
// by breaking the code it guards).
import { describe, expect, it } from "vitest";
import { analyze, loadSnapshot, type CheckResult } from "./index";
import { FIXTURE_NOW } from "./testing";

const enc = (s: string) => new TextEncoder().encode(s);

function resultsOf(inputs: { name: string; text: string }[], checkId: string): CheckResult[] {
  const snapshot = loadSnapshot(inputs.map(({ name, text }) => ({ name, data: enc(text) })));
  return analyze(snapshot, { now: FIXTURE_NOW }).results.filter((r) => r.checkId === checkId);
}

/** `status Kind namespace/name#container` of every result of the check, sorted. */
function outcomes(yaml: string, checkId: string, name = "edges.yaml"): string[] {
  return resultsOf([{ name, text: yaml }], checkId)
    .map((r) => {
      const o = r.object;
      if (!o) return `${r.status} (cluster)`;
      const ns = o.namespace === undefined ? "" : `${o.namespace}/`;
      return `${r.status} ${o.kind} ${ns}${o.name}${o.container === undefined ? "" : `#${o.container}`}`;
    })
    .sort();
}

const docs = (...parts: string[]) => parts.join("\n---\n");

/** A Deployment with one container; `extra` lines are appended to the Deployment's spec. */
function deployment(
  ns: string,
  name: string,
  labels: Record<string, string>,
  opts: { replicas?: number; image?: string; apiVersion?: string; extra?: string } = {},
): string {
  const replicas = opts.replicas === undefined ? "" : `  replicas: ${opts.replicas}\n`;
  return `apiVersion: ${opts.apiVersion ?? "apps/v1"}
kind: Deployment
metadata: {name: ${name}, namespace: ${ns}}
spec:
${replicas}  selector: {matchLabels: ${JSON.stringify(labels)}}
  template:
    metadata: {labels: ${JSON.stringify(labels)}}
    spec:
      containers: [{name: app, image: "${opts.image ?? "nginx:1.27"}"}]
${opts.extra ?? ""}`;
}

describe("namespace scoping", () => {
  it("a Service selects pods of its own namespace only, however alike the labels elsewhere", () => {
    const yaml = docs(
      deployment("billing", "web", { app: "web" }),
      deployment("shop", "api", { app: "api" }),
      "apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec: {selector: {app: web}}",
      "apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: billing}\nspec: {selector: {app: web}}",
      "apiVersion: v1\nkind: Service\nmetadata: {name: api, namespace: shop}\nspec: {selector: {app: api}}",
    );
    expect(outcomes(yaml, "service-selector-matches")).toEqual([
      "fail Service shop/web",
      "pass Service billing/web",
      "pass Service shop/api",
    ]);
  });

  it("a PodDisruptionBudget covers workloads of its own namespace only", () => {
    const yaml = docs(
      deployment("a", "web", { app: "web" }, { replicas: 2 }),
      deployment("b", "web", { app: "web" }, { replicas: 2 }),
      "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: web, namespace: a}\n" +
        "spec: {minAvailable: 1, selector: {matchLabels: {app: web}}}",
    );
    expect(outcomes(yaml, "pdb-coverage")).toEqual(["fail Deployment b/web", "pass Deployment a/web"]);
  });

  it("a NetworkPolicy selects pods of its own namespace only", () => {
    const yaml = docs(
      deployment("shop", "web", { app: "web" }),
      deployment("other", "db", { app: "db" }),
      "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: web, namespace: other}\n" +
        "spec: {podSelector: {matchLabels: {app: web}}}",
      "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: web, namespace: shop}\n" +
        "spec: {podSelector: {matchLabels: {app: web}}}",
      "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: web, namespace: empty}\n" +
        "spec: {podSelector: {matchLabels: {app: web}}}",
    );
    expect(outcomes(yaml, "network-policy-targets-pods")).toEqual([
      "fail NetworkPolicy other/web",
      "pass NetworkPolicy shop/web",
      "skip NetworkPolicy empty/web",
    ]);
  });

  it("an HPA scales the workload of its own namespace and kind only", () => {
    const hpa = (ns: string, kind: string, min: number) =>
      `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web-${kind.toLowerCase()}, namespace: ${ns}}\n` +
      `spec: {scaleTargetRef: {apiVersion: apps/v1, kind: ${kind}, name: web}, minReplicas: ${min}, maxReplicas: 10}`;
    const yaml = docs(
      deployment("shop", "web", { app: "web" }, { replicas: 1 }),
      deployment("blog", "web", { app: "web" }, { replicas: 1 }),
      hpa("blog", "Deployment", 3),
      hpa("shop", "StatefulSet", 3),
    );
    expect(outcomes(yaml, "single-replica")).toEqual([
      "fail Deployment shop/web",
      "pass Deployment blog/web",
    ]);
  });
});

describe("label selectors with matchExpressions", () => {
  // Three workloads in `shop`: web (app=web, tier=front), api (app=api, tier=back), worker (app=worker).
  const workloads = docs(
    deployment("shop", "web", { app: "web", tier: "front" }),
    deployment("shop", "api", { app: "api", tier: "back" }),
    deployment("shop", "worker", { app: "worker" }),
  );
  const policy = (name: string, selector: string) =>
    `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: ${name}, namespace: shop}\n` +
    `spec: {podSelector: ${selector}}`;
  const expr = (key: string, operator: string, values?: string[]) =>
    `{matchExpressions: [{key: ${key}, operator: ${operator}${values ? `, values: ${JSON.stringify(values)}` : ""}}]}`;

  it.each([
    ["In a listed value", expr("app", "In", ["web", "nope"]), "pass"],
    ["In no present value", expr("app", "In", ["nope"]), "fail"],
    ["In on a missing key", expr("zone", "In", ["a"]), "fail"],
    ["NotIn every present value", expr("app", "NotIn", ["web", "api", "worker"]), "fail"],
    ["NotIn some values", expr("app", "NotIn", ["web", "api"]), "pass"],
    ["NotIn matching pods without the key", expr("tier", "NotIn", ["front", "back"]), "pass"],
    ["Exists on a key some pods carry", expr("tier", "Exists"), "pass"],
    ["Exists on a key no pod carries", expr("zone", "Exists"), "fail"],
    ["DoesNotExist on a key every pod carries", expr("app", "DoesNotExist"), "fail"],
    ["DoesNotExist on a key some pods lack", expr("tier", "DoesNotExist"), "pass"],
    ["an unknown operator", expr("app", "Matches", ["web"]), "fail"],
    [
      "matchLabels and matchExpressions together (both must hold)",
      '{matchLabels: {app: web}, matchExpressions: [{key: tier, operator: In, values: ["back"]}]}',
      "fail",
    ],
    [
      "matchLabels and matchExpressions that hold together",
      '{matchLabels: {app: api}, matchExpressions: [{key: tier, operator: NotIn, values: ["front"]}]}',
      "pass",
    ],
    [
      "two expressions (both must hold)",
      '{matchExpressions: [{key: tier, operator: Exists}, {key: app, operator: In, values: ["worker"]}]}',
      "fail",
    ],
    ["matchLabels on a value no pod has", "{matchLabels: {app: web, tier: back}}", "fail"],
  ])("a podSelector with %s", (_name, selector, status) => {
    const yaml = docs(workloads, policy("p", selector));
    expect(outcomes(yaml, "network-policy-targets-pods")).toEqual([`${status} NetworkPolicy shop/p`]);
  });

  it("a PodDisruptionBudget with matchExpressions covers exactly the workloads it selects", () => {
    const yaml = docs(
      deployment("shop", "web", { app: "web", tier: "front" }, { replicas: 2 }),
      deployment("shop", "api", { app: "api", tier: "back" }, { replicas: 2 }),
      deployment("shop", "worker", { app: "worker" }, { replicas: 2 }),
      "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: tiers, namespace: shop}\n" +
        'spec: {maxUnavailable: 1, selector: {matchExpressions: [{key: tier, operator: NotIn, values: ["front"]}]}}',
    );
    expect(outcomes(yaml, "pdb-coverage")).toEqual([
      "fail Deployment shop/web",
      "pass Deployment shop/api",
      "pass Deployment shop/worker",
    ]);
  });
});

describe("live-dump de-duplication", () => {
  const owner = (kind: string, name: string, controller = true) =>
    `ownerReferences: [{apiVersion: apps/v1, kind: ${kind}, name: ${name}, uid: u-${name}, controller: ${controller}}]`;
  const replicaSet = (ns: string, name: string, ownerRef: string, replicas: number) => `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: ${name}
  namespace: ${ns}
  ${ownerRef}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: x}}
  template:
    metadata: {labels: {app: x}}
    spec: {containers: [{name: app, image: "nginx:latest"}]}`;
  const pod = (ns: string, name: string, ownerRef?: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: ${ns}
  ${ownerRef ?? "labels: {app: x}"}
spec: {containers: [{name: app, image: "nginx:latest"}]}`;
  const latest = { image: "nginx:latest" };

  it("reports each workload once, on the object that owns the others", () => {
    const yaml = docs(
      // A Deployment with its ReplicaSet and the ReplicaSet's Pod: one result, on the Deployment.
      deployment("shop", "web", { app: "web" }, latest),
      replicaSet("shop", "web-5d4", owner("Deployment", "web"), 2),
      pod("shop", "web-5d4-x1", owner("ReplicaSet", "web-5d4")),
      // The same names in another namespace, without their Deployment: the ReplicaSet stands for it.
      replicaSet("other", "web-5d4", owner("Deployment", "web"), 2),
      // An old revision (scaled to zero) of a Deployment absent from the snapshot: nothing to report.
      replicaSet("shop", "api-old", owner("Deployment", "api"), 0),
      // A Pod whose ReplicaSet is absent, next to other controllers of its namespace: counted with them.
      pod("shop", "stray-x1", owner("ReplicaSet", "stray")),
      // The same, alone in its namespace: the Pod is all there is.
      pod("solo", "lone-x1", owner("ReplicaSet", "lone")),
      // A Pod with no owner is its own workload.
      pod("shop", "debug"),
      // A ReplicaSet whose controller reference comes second, after a non-controller owner.
      replicaSet(
        "shop",
        "web-7f9",
        "ownerReferences: [{apiVersion: v1, kind: ConfigMap, name: cfg, uid: c, controller: false}, " +
          "{apiVersion: apps/v1, kind: Deployment, name: web, uid: d, controller: true}]",
        1,
      ),
    );
    expect(outcomes(yaml, "image-tag-pinned")).toEqual([
      "fail Deployment shop/web#app",
      "fail Pod shop/debug#app",
      "fail Pod solo/lone-x1#app",
      "fail ReplicaSet other/web-5d4#app",
    ]);
  });

  it("reports a CronJob's Jobs and their Pods on the CronJob, and a Job's Pods on the Job", () => {
    const cronJob = `apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly, namespace: shop}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec: {restartPolicy: OnFailure, containers: [{name: app, image: "nginx:latest"}]}`;
    const job = (name: string, ownerRef: string) => `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
  namespace: shop
  ${ownerRef}
spec:
  template:
    spec: {restartPolicy: Never, containers: [{name: app, image: "nginx:latest"}]}`;
    const yaml = docs(
      cronJob,
      job("nightly-290", owner("CronJob", "nightly").replace("apps/v1", "batch/v1")),
      pod("shop", "nightly-290-p", owner("Job", "nightly-290")),
      job("once", "labels: {run: once}"),
      pod("shop", "once-p", owner("Job", "once")),
    );
    expect(outcomes(yaml, "image-tag-pinned")).toEqual([
      "fail CronJob shop/nightly#app",
      "fail Job shop/once#app",
    ]);
  });

  it("gives the same results for a live dump as for the manifests it came from", () => {
    const manifests = docs(
      deployment("shop", "web", { app: "web" }, latest),
      "apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec: {selector: {app: web}}",
    );
    const live = docs(
      manifests,
      replicaSet("shop", "web-5d4", owner("Deployment", "web"), 1),
      pod("shop", "web-5d4-x1", owner("ReplicaSet", "web-5d4")),
    );
    for (const id of ["image-tag-pinned", "liveness-probe", "resource-limits", "single-replica"]) {
      expect(outcomes(live, id), id).toEqual(outcomes(manifests, id));
      expect(outcomes(live, id).length, id).toBeGreaterThan(0);
    }
  });
});

describe("pods owned by Jobs and ReplicaSets", () => {
  const pod = (ns: string, name: string, ownerKind?: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: ${ns}
${ownerKind ? `  ownerReferences: [{apiVersion: v1, kind: ${ownerKind}, name: owner, uid: u, controller: true}]\n` : ""}spec: {containers: [{name: app, image: "nginx:1.27"}]}`;

  it("a Job's Pod runs to completion: no liveness probe is asked of it, unlike a ReplicaSet's", () => {
    const yaml = docs(pod("a", "job-pod", "Job"), pod("b", "rs-pod", "ReplicaSet"), pod("c", "bare"));
    expect(outcomes(yaml, "liveness-probe")).toEqual(["fail Pod b/rs-pod#app", "fail Pod c/bare#app"]);
  });

  it("a Pod owned by a Job or a ReplicaSet is not naked; one without an owner is", () => {
    const yaml = docs(pod("a", "job-pod", "Job"), pod("b", "rs-pod", "ReplicaSet"), pod("c", "bare"));
    expect(outcomes(yaml, "naked-pod")).toEqual([
      "fail Pod c/bare",
      "pass Pod a/job-pod",
      "pass Pod b/rs-pod",
    ]);
  });
});

describe("init and ephemeral containers", () => {
  const yaml = `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: shop}
spec:
  initContainers:
    - {name: setup, image: "busybox:1.36"}
  containers:
    - name: app
      image: "nginx:1.27"
      resources: {limits: {cpu: "1", memory: 1Gi}}
    - image: "nginx:1.27"
      livenessProbe: {httpGet: {path: /, port: 80}}
      resources: {limits: {cpu: "1"}}
  ephemeralContainers:
    - {name: debugger, image: "busybox:latest"}
`;

  it("resources are asked of regular and init containers, not of ephemeral ones", () => {
    // One result per concern (cpu, memory) and container.
    expect(outcomes(yaml, "resource-limits")).toEqual([
      "fail Pod shop/p##1",
      "fail Pod shop/p#setup",
      "fail Pod shop/p#setup",
      "pass Pod shop/p##1",
      "pass Pod shop/p#app",
      "pass Pod shop/p#app",
    ]);
  });

  it("probes are asked of regular containers only", () => {
    expect(outcomes(yaml, "liveness-probe")).toEqual(["fail Pod shop/p#app", "pass Pod shop/p##1"]);
  });

  it("results name the failing field of the container kind they are about", () => {
    const limits = resultsOf([{ name: "p.yaml", text: yaml }], "resource-limits");
    expect(limits.filter((r) => r.status === "fail").map((r) => `${r.object?.path} ${r.concern}`)).toEqual([
      "spec.containers[1].resources.limits memory",
      "spec.initContainers[0].resources.limits cpu",
      "spec.initContainers[0].resources.limits memory",
    ]);
  });
});

describe("old and new apiVersions", () => {
  it("judges a workload whatever its apiVersion, and flags the removed ones", () => {
    const yaml = docs(
      deployment("shop", "old", { app: "old" }, { apiVersion: "extensions/v1beta1", image: "nginx:latest" }),
      deployment("shop", "beta", { app: "beta" }, { apiVersion: "apps/v1beta2", image: "nginx:latest" }),
      deployment("shop", "new", { app: "new" }, { image: "nginx:latest" }),
      "apiVersion: networking.k8s.io/v1beta1\nkind: Ingress\nmetadata: {name: web, namespace: shop}\nspec: {}",
      "apiVersion: example.com/v1alpha1\nkind: Widget\nmetadata: {name: w, namespace: shop}",
    );
    expect(outcomes(yaml, "image-tag-pinned")).toEqual([
      "fail Deployment shop/beta#app",
      "fail Deployment shop/new#app",
      "fail Deployment shop/old#app",
    ]);
    expect(outcomes(yaml, "deprecated-api-version")).toEqual([
      "fail Deployment shop/beta",
      "fail Deployment shop/old",
      "fail Ingress shop/web",
      "pass Deployment shop/new",
    ]);
  });
});

describe("replicas managed by an HorizontalPodAutoscaler", () => {
  const hpa = (target: string, min?: number) =>
    `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: ${target}, namespace: shop}\n` +
    `spec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${target}}, maxReplicas: 10` +
    `${min === undefined ? "" : `, minReplicas: ${min}`}}`;
  const yaml = docs(
    deployment("shop", "raised", { app: "raised" }, { replicas: 1 }),
    hpa("raised", 3),
    deployment("shop", "lowered", { app: "lowered" }, { replicas: 3 }),
    hpa("lowered", 1),
    deployment("shop", "defaulted", { app: "defaulted" }, { replicas: 4 }),
    hpa("defaulted"),
    deployment("shop", "parked", { app: "parked" }, { replicas: 0 }),
    hpa("parked", 3),
    deployment("shop", "plain", { app: "plain" }),
    deployment("shop", "pair", { app: "pair" }, { replicas: 2 }),
  );

  it("judges the HPA's minReplicas (default 1) instead of spec.replicas, except at zero", () => {
    expect(outcomes(yaml, "single-replica")).toEqual([
      "fail Deployment shop/defaulted",
      "fail Deployment shop/lowered",
      "fail Deployment shop/plain",
      "pass Deployment shop/pair",
      "pass Deployment shop/raised",
      "skip Deployment shop/parked",
    ]);
    const messages = resultsOf([{ name: "h.yaml", text: yaml }], "single-replica").map(
      (r) => `${r.object?.name}: ${r.message}`,
    );
    expect(messages).toContain("raised: HPA minReplicas 3");
    expect(messages).toContain("plain: replicas 1: no redundancy");
  });

  it("asks a disruption budget only of workloads whose floor is two or more", () => {
    expect(outcomes(yaml, "pdb-coverage")).toEqual([
      "fail Deployment shop/pair",
      "fail Deployment shop/raised",
      "skip Deployment shop/defaulted",
      "skip Deployment shop/lowered",
      "skip Deployment shop/parked",
      "skip Deployment shop/plain",
    ]);
  });
});

describe("Lists", () => {
  const items = [
    deployment("shop", "web", { app: "web" }, { image: "nginx:latest" }),
    "apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec: {selector: {app: nope}}",
  ];
  const asJson = (yaml: string) =>
    JSON.stringify(loadSnapshot([{ name: "x.yaml", data: enc(yaml) }]).objects[0]);
  const checks = ["image-tag-pinned", "service-selector-matches", "deprecated-api-version"];

  it("analyses the items of a List, a typed list and nested lists as if they were separate documents", () => {
    const separate = docs(...items);
    const [dep, svc] = items.map(asJson) as [string, string];
    const stripped = (json: string) => {
      const o = JSON.parse(json) as Record<string, unknown>;
      delete o.kind;
      delete o.apiVersion;
      return JSON.stringify(o);
    };
    const variants: [string, string][] = [
      ["list.json", `{"apiVersion":"v1","kind":"List","items":[${dep},${svc}]}`],
      ["list.yaml", `apiVersion: v1\nkind: List\nitems:\n  - ${dep}\n  - ${svc}\n`],
      [
        "typed.json",
        `{"apiVersion":"v1","kind":"List","items":[` +
          `{"apiVersion":"apps/v1","kind":"DeploymentList","items":[${stripped(dep)}]},` +
          `{"apiVersion":"v1","kind":"ServiceList","items":[${stripped(svc)}]}]}`,
      ],
      ["nested.json", `{"apiVersion":"v1","kind":"List","items":[{"kind":"List","items":[${dep}]},${svc}]}`],
    ];
    for (const id of checks) {
      const expected = outcomes(separate, id);
      expect(expected.length, id).toBeGreaterThan(0);
      for (const [name, text] of variants)
        expect(outcomes(text, id, name), `${id} in ${name}`).toEqual(expected);
    }
  });

  it("keeps an item's own kind and apiVersion inside a typed list", () => {
    const dep = asJson(items[0]!);
    const old = JSON.stringify({ ...(JSON.parse(dep) as object), apiVersion: "extensions/v1beta1" });
    const ingress =
      '{"apiVersion":"networking.k8s.io/v1beta1","kind":"Ingress","metadata":{"name":"i","namespace":"shop"}}';
    const text = `{"apiVersion":"apps/v1","kind":"DeploymentList","items":[${old},${ingress}]}`;
    expect(outcomes(text, "deprecated-api-version", "typed.json")).toEqual([
      "fail Deployment shop/web",
      "fail Ingress shop/i",
    ]);
  });
});
