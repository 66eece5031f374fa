// Behaviour of the checks derived from the experience reports beyond their pass/fail fixtures.
import { describe, expect, it } from "vitest";
import { analyze } from "../analyze";
import { loadSnapshot } from "../snapshot/load";
import { FIXTURE_NOW } from "../testing";
import type { CertificateFact } from "../types";

const enc = (s: string) => new TextEncoder().encode(s);
const load = (yaml: string) => loadSnapshot([{ name: "t.yaml", data: enc(yaml) }]);

function cert(days: number): CertificateFact {
  return {
    secretNamespace: "shop",
    secretName: `tls-${days}`,
    key: "tls.crt",
    index: 0,
    subject: `CN=d${days}.example.com`,
    issuer: "CN=ca",
    notBefore: "2020-01-01T00:00:00.000Z",
    notAfter: new Date(FIXTURE_NOW.getTime() + days * 86_400_000).toISOString(),
    serialNumber: "01",
    fingerprint256: "AA",
    isCA: false,
  };
}

describe("tls-certificate-expiry tiers", () => {
  it("is critical when expired, high under 30 days, medium under 90 days, and names the subject", () => {
    const base = load("apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x, namespace: shop }\n");
    const results = analyze(
      { ...base, certificates: [cert(-1), cert(10), cert(60), cert(200)] },
      { now: FIXTURE_NOW },
    ).results.filter((r) => r.checkId === "tls-certificate-expiry");
    expect(results.map((r) => [r.status, r.severity])).toEqual([
      ["fail", "critical"],
      ["fail", "high"],
      ["fail", "medium"],
      ["pass", "critical"],
    ]);
    expect(results[1]?.message).toContain("CN=d10.example.com");
  });
});

const JAVA = (container: string) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: shop }
spec:
  replicas: 2
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec:
      containers:
${container}`;

describe("JVM checks", () => {
  it("reads -XX:MaxRAMPercentage from JAVA_TOOL_OPTIONS and fails above 75 %", () => {
    const snapshot = load(
      JAVA(`        - name: api
          image: eclipse-temurin:21
          env: [{ name: JAVA_TOOL_OPTIONS, value: "-XX:MaxRAMPercentage=90.0" }]
          resources: { limits: { memory: 2Gi } }
`),
    );
    const r = analyze(snapshot, { now: FIXTURE_NOW }).results.find(
      (x) => x.checkId === "jvm-memory-headroom",
    );
    expect(r?.status).toBe("fail");
    expect(r?.message).toContain("90%");
  });

  it("asks JVM Deployments with a tight liveness probe for a startup probe", () => {
    const snapshot = load(
      JAVA(`        - name: api
          image: registry.example.com/api:1.0
          command: [java, -jar, /app.jar]
          livenessProbe: { httpGet: { path: /health, port: 8080 }, periodSeconds: 10, failureThreshold: 3 }
`),
    );
    const r = analyze(snapshot, { now: FIXTURE_NOW }).results.find(
      (x) => x.checkId === "startup-probe-stateful",
    );
    expect(r?.status).toBe("fail");
    expect(r?.message).toMatch(/JVM: liveness probe kills it after 30s/);
  });
});
