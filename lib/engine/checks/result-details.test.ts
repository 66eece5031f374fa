// What a result tells the user: for each check, the message and the field it points at, on passing and
// failing objects (the fixtures assert status per object; these assert the words and the location).
import { describe, expect, it } from "vitest";
import { analyze } from "../analyze";
import { loadSnapshot } from "../snapshot/load";

const enc = (s: string) => new TextEncoder().encode(s);
const results = (yaml: string, checkId: string) =>
  analyze(loadSnapshot([{ name: "t.yaml", data: enc(yaml) }]), {})
    .results.filter((r) => r.checkId === checkId)
    .map((r) => ({ status: r.status, message: r.message, path: r.object?.path }));

const deployment = (container: string, namespace = "namespace: shop") => `apiVersion: apps/v1
kind: Deployment
metadata: { name: api, ${namespace} }
spec:
  replicas: 2
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec:
      containers:
        - name: api
          image: nginx:1.27
${container}`;
const C = "spec.template.spec.containers[0]";

const hardened = `          livenessProbe: { httpGet: { path: /, port: 80 } }
          resources: { limits: { ephemeral-storage: 1Gi } }
          securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, privileged: false }
`;

describe("container checks say what they found and where", () => {
  const cases: [
    string,
    { status: string; message: string; path: string }[],
    { status: string; message: string; path: string }[],
  ][] = [
    [
      "liveness-probe",
      [{ status: "fail", message: "no liveness probe", path: `${C}.livenessProbe` }],
      [{ status: "pass", message: "liveness probe defined", path: C }],
    ],
    [
      "ephemeral-storage",
      [{ status: "fail", message: "no ephemeral-storage limit", path: `${C}.resources.limits` }],
      [{ status: "pass", message: "ephemeral-storage limit set", path: C }],
    ],
    [
      "privilege-escalation",
      [
        {
          status: "fail",
          message: "allowPrivilegeEscalation is not set to false",
          path: `${C}.securityContext.allowPrivilegeEscalation`,
        },
      ],
      [{ status: "pass", message: "allowPrivilegeEscalation is false", path: C }],
    ],
    [
      "read-only-root-filesystem",
      [
        {
          status: "fail",
          message: "root filesystem is writable",
          path: `${C}.securityContext.readOnlyRootFilesystem`,
        },
      ],
      [{ status: "pass", message: "root filesystem is read-only", path: C }],
    ],
  ];
  for (const [checkId, failing, passing] of cases) {
    it(checkId, () => {
      expect(results(deployment(""), checkId)).toEqual(failing);
      expect(results(deployment(hardened), checkId)).toEqual(passing);
    });
  }

  it("privileged-container", () => {
    const privileged = "          securityContext: { privileged: true }\n";
    expect(results(deployment(privileged), "privileged-container")).toEqual([
      { status: "fail", message: "container runs privileged", path: `${C}.securityContext.privileged` },
    ]);
  });
});

describe("object and cluster checks say what they found and where", () => {
  it("default-namespace: fails in default, passes elsewhere, skips when the namespace is left to deploy time", () => {
    expect(results(deployment("", "namespace: default"), "default-namespace")).toEqual([
      { status: "fail", message: "runs in the default namespace", path: "metadata.namespace" },
    ]);
    expect(results(deployment(""), "default-namespace")).toMatchObject([{ status: "pass" }]);
    expect(results(deployment("", "labels: { a: b }"), "default-namespace")).toMatchObject([
      { status: "skip", message: "namespace not set (chosen at deploy time)" },
    ]);
  });

  it("ingress-tls: points at spec.tls and counts the sections", () => {
    const ingress = (tls: string) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: web, namespace: shop }
spec:
  rules: [{ host: a.example.com }]
${tls}`;
    expect(results(ingress(""), "ingress-tls")).toEqual([
      { status: "fail", message: "no TLS: served over plain HTTP", path: "spec.tls" },
    ]);
    expect(results(ingress("  tls: [{ hosts: [a.example.com], secretName: a }]\n"), "ingress-tls")).toEqual([
      { status: "pass", message: "1 TLS section(s)", path: "spec.tls" },
    ]);
  });

  it("multiple-nodes: counts the nodes, and says nothing without any", () => {
    const node = (n: number) => `apiVersion: v1\nkind: Node\nmetadata: { name: n${n} }\n`;
    expect(results(deployment(""), "multiple-nodes")).toEqual([]);
    expect(results(node(1), "multiple-nodes")).toMatchObject([
      { status: "fail", message: "a single node: any node failure is a full outage" },
    ]);
    expect(results(`${node(1)}---\n${node(2)}`, "multiple-nodes")).toMatchObject([
      { status: "pass", message: "2 nodes" },
    ]);
  });
});
