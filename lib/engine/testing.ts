// Helpers shared by the engine's tests (not part of the public API).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

export const REPO_ROOT = resolve(__dirname, "../..");
/**
 * The shared corpus lives beside the repository; tests that need it skip when it is absent.
 * KUBEREADY_CORPUS_DIR points elsewhere (mutation testing runs the tests in a sandbox copy of the repo).
 */
export const CORPUS_DIR = process.env.KUBEREADY_CORPUS_DIR ?? resolve(REPO_ROOT, "../shared/corpus");
export const HAS_CORPUS = existsSync(join(CORPUS_DIR, "manifests"));
export const FIXTURES_DIR = join(__dirname, "checks", "fixtures");
/** Fixed clock for fixtures, so certificate and end-of-life fixtures do not rot. */
export const FIXTURE_NOW = new Date("2026-11-21T00:00:00Z");

export function listCorpusFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const p = join(dir, entry);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ya?ml|json)$/.test(entry)) out.push(p);
    }
  };
  for (const sub of ["manifests", "cluster-dumps"]) walk(join(CORPUS_DIR, sub));
  return out;
}

export function readInput(path: string): { name: string; data: Uint8Array } {
  return { name: path, data: readFileSync(path) };
}

/** `count` NetworkPolicies selecting every pod of three namespaces, and nothing else. */
export const networkPoliciesYaml = (count: number) =>
  Array.from(
    { length: count },
    (_, i) =>
      `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p${i}, namespace: ns${i % 3}}\nspec: {podSelector: {}}\n`,
  ).join("---\n");

/** One Deployment with its Service and PodDisruptionBudget: the smallest snapshot that gets a grade. */
export const SMALL_APP_YAML = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: "nginx:1.27", ports: [{containerPort: 8080}]}]
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web, namespace: shop}
spec: {minAvailable: 1, selector: {matchLabels: {app: web}}}
`;
