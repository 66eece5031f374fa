// Kubeready grades its own deployment: every file of deploy/kubernetes/kustomization.yaml, analysed by
// the CLI (`kubeready analyze … --format json`, the same entry point and options) and scored against the
// default checklist as the web app scores an upload, must get 100 with no failing check and a real
// grade (enough coverage, not "insufficient data"). The other deployment files must agree with it and
// with what the image build produces.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { main, type CliIO } from "@/lib/cli/main";
import type { Analysis, K8sObject } from "@/lib/engine";
import { defaultChecklist } from "@/lib/engine/checklist/default";
import { scoreChecklist } from "@/lib/engine/checklist/score";
import packageJson from "@/package.json";
import { ENTRIES } from "@/scripts/build-standalone.mjs";

const dir = path.resolve("deploy/kubernetes");
const kustomization = parse(readFileSync(path.join(dir, "kustomization.yaml"), "utf8")) as {
  resources: string[];
};
const files = kustomization.resources.map((r) => path.join(dir, r));

/** The parts of the manifests the structural assertions read. */
interface Container {
  image: string;
  command?: string[];
  env?: unknown[];
  volumeMounts?: unknown[];
  livenessProbe?: { httpGet?: { path: string } };
  readinessProbe?: { httpGet?: { path: string } };
}
interface Manifest extends K8sObject {
  automountServiceAccountToken?: boolean;
  spec?: {
    replicas?: number;
    minReplicas?: number;
    tls?: unknown[];
    policyTypes?: string[];
    template?: {
      spec: {
        serviceAccountName?: string;
        automountServiceAccountToken?: boolean;
        containers: Container[];
        volumes?: unknown[];
      };
    };
  };
}
interface ComposeService {
  image?: string;
  command?: string[];
  read_only?: boolean;
  environment?: Record<string, string>;
  depends_on?: unknown;
  healthcheck?: { test: string[] };
  volumes?: string[];
}

const objects = files.flatMap((f) =>
  parseAllDocuments(readFileSync(f, "utf8")).map((d) => d.toJS() as Manifest),
);
const ofKind = (kind: string) => objects.filter((o) => o.kind === kind);
const named = (kind: string, name: string) => {
  const o = objects.find((x) => x.kind === kind && x.metadata.name === name);
  if (!o) throw new Error(`no ${kind} ${name} in the kustomization`);
  return o;
};
const podSpec = (o: Manifest) => {
  if (!o.spec?.template) throw new Error(`${o.kind} ${o.metadata.name} has no pod template`);
  return o.spec.template.spec;
};

const IMAGE = `ghcr.io/kubeready/kubeready:${packageJson.version}`;
const startCommand = ["node", ENTRIES["scripts/start.ts"]];
const workerCommand = ["node", ENTRIES["scripts/container-worker.ts"]];

async function analyseAsTheCli(): Promise<{ code: number; stderr: string; analysis: Analysis }> {
  let stdout = "";
  let stderr = "";
  const io: CliIO = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readStdin: () => Promise.reject(new Error("no stdin")),
  };
  const code = await main(["analyze", ...files, "--format", "json", "--fail-on", "info"], io);
  return { code, stderr, analysis: (JSON.parse(stdout) as { analysis: Analysis }).analysis };
}

describe("deploy/kubernetes analysed by Kubeready", () => {
  it("scores 100 with a grade and no failing, errored or exempted check", async () => {
    const { code, stderr, analysis } = await analyseAsTheCli();
    const notPassing = analysis.results
      .filter((r) => r.status === "fail" || r.status === "error" || r.status === "exempt")
      .map((r) => `${r.status} ${r.checkId} ${r.object?.kind ?? ""} ${r.object?.name ?? ""}: ${r.message}`);
    expect(notPassing, notPassing.join("\n")).toEqual([]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(analysis.findings).toEqual([]);
    expect(analysis.score.coverage?.reasons).toEqual([]);
    expect(analysis.score).toMatchObject({ score: 100, grade: "A" });
  });

  it("scores 100 with grade A on the default checklist (manual items unanswered)", async () => {
    const { analysis } = await analyseAsTheCli();
    const score = scoreChecklist(defaultChecklist().items, {
      checks: analysis.checks,
      manual: {},
      evidence: {
        objects: analysis.score.coverage?.objectsExamined ?? 0,
        workloads: analysis.score.coverage?.workloads ?? 0,
      },
    });
    const failing = score.items.filter(
      (i) => i.kind === "automated" && i.status !== "pass" && i.value !== null,
    );
    expect(failing.map((i) => `${i.key}: ${i.status}`)).toEqual([]);
    expect(score.coverage.reasons).toEqual([]);
    expect(score).toMatchObject({ score: 100, grade: "A" });
  });

  it("lists every manifest of the directory; the example Secret stays out", () => {
    const yaml = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
    expect([...kustomization.resources, "kustomization.yaml", "secret.example.yaml"].sort()).toEqual(
      yaml.sort(),
    );
    expect(ofKind("Secret")).toEqual([]);
    const example = parse(readFileSync(path.join(dir, "secret.example.yaml"), "utf8")) as K8sObject;
    expect(example).toMatchObject({ kind: "Secret", metadata: { name: "kubeready-database" } });
  });

  it("has what the issue asks for: 2+ web replicas, a worker, Service, TLS Ingress, PDBs, HPA, policies", () => {
    const web = named("Deployment", "kubeready");
    const worker = named("Deployment", "kubeready-worker");
    // The HPA owns the web replica count (a spec.replicas would reset it on every apply).
    expect(web.spec?.replicas).toBeUndefined();
    expect(named("HorizontalPodAutoscaler", "kubeready").spec?.minReplicas).toBeGreaterThanOrEqual(2);
    expect(podSpec(worker).containers.map((c) => c.command)).toEqual([workerCommand]);
    // The web pods run the image's CMD, start.mjs.
    expect(podSpec(web).containers.map((c) => c.command)).toEqual([undefined]);
    for (const d of [web, worker]) {
      const pod = podSpec(d);
      expect(pod.automountServiceAccountToken).toBe(false);
      expect(pod.serviceAccountName).toBe("kubeready");
      for (const c of pod.containers) {
        expect(c.image).toBe(IMAGE);
        // The connection string comes from the Secret mounted as a file, not from an env var.
        expect(c.env).toContainEqual({
          name: "DATABASE_URL_FILE",
          value: "/var/run/secrets/kubeready/database/DATABASE_URL",
        });
        expect(c.volumeMounts).toContainEqual({
          name: "database",
          mountPath: "/var/run/secrets/kubeready/database",
          readOnly: true,
        });
        expect(pod.volumes).toContainEqual({
          name: "database",
          secret: {
            secretName: "kubeready-database",
            items: [{ key: "DATABASE_URL", path: "DATABASE_URL" }],
          },
        });
        expect([c.livenessProbe?.httpGet?.path, c.readinessProbe?.httpGet?.path]).toEqual([
          "/api/health",
          "/api/ready",
        ]);
      }
    }
    expect(named("ServiceAccount", "kubeready").automountServiceAccountToken).toBe(false);
    expect(named("Ingress", "kubeready").spec?.tls).toHaveLength(1);
    expect(ofKind("PodDisruptionBudget")).toHaveLength(2);
    expect(ofKind("Service")).toHaveLength(1);
    const policies = ofKind("NetworkPolicy");
    expect(policies.map((p) => p.spec?.policyTypes)).toEqual(policies.map(() => ["Ingress", "Egress"]));
  });
});

describe("the container image and compose.yaml agree with the manifests", () => {
  it("the Dockerfile runs the bundled server, as a non-root user, with a health check", () => {
    const dockerfile = readFileSync("Dockerfile", "utf8");
    expect(dockerfile).toContain(`CMD ${JSON.stringify(startCommand).replace(/,/g, ", ")}`);
    expect(dockerfile).toMatch(/^USER 10001:10001$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n.*\/api\/health/m);
    expect(dockerfile).toContain("npm run build:standalone");
  });

  it("compose.yaml runs app, worker and PostgreSQL with health checks and a data volume", () => {
    const compose = parse(readFileSync("compose.yaml", "utf8"), { merge: true }) as {
      services: Record<string, ComposeService>;
      volumes: Record<string, unknown>;
    };
    const { app, worker, postgres } = compose.services;
    expect(app?.image).toBe(`kubeready:${packageJson.version}`);
    expect(worker?.image).toBe(app?.image);
    expect(worker?.command).toEqual(workerCommand);
    expect(app?.healthcheck?.test.join(" ")).toContain("127.0.0.1:3000/api/ready");
    expect(worker?.healthcheck?.test.join(" ")).toContain("127.0.0.1:3001/api/ready");
    expect(postgres?.healthcheck?.test).toContain("pg_isready");
    expect(postgres?.volumes).toEqual(["postgres-data:/var/lib/postgresql/data"]);
    expect(Object.keys(compose.volumes)).toEqual(["postgres-data"]);
    for (const s of [app, worker]) {
      expect(s?.read_only).toBe(true);
      expect(s?.environment?.DATABASE_URL).toMatch(
        /^postgresql:\/\/kubeready:\$\{POSTGRES_PASSWORD.*@postgres:5432\//,
      );
      expect(s?.depends_on).toEqual({ postgres: { condition: "service_healthy" } });
    }
  });
});
