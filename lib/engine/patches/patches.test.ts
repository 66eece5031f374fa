import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { analyze } from "../analyze";
import { loadSnapshot } from "../snapshot/load";
import { FIXTURE_NOW, FIXTURES_DIR } from "../testing";
import type { CheckResult, K8sObject, LoadedSnapshot } from "../types";
import { isRecord } from "../util";
import { PATCHED_CHECKS, patchesFor, type Patch } from "./index";

// A strategic merge as the API server does it for the shapes the patches use: maps merge key by key,
// lists of containers merge by `name` (their patchMergeKey), every other list is replaced, null deletes.
const MERGE_BY_NAME = new Set(["containers", "initContainers", "ephemeralContainers"]);

function strategicMerge(target: unknown, patch: unknown, key?: string): unknown {
  if (patch === null) return undefined;
  if (Array.isArray(patch)) {
    if (!key || !MERGE_BY_NAME.has(key) || !Array.isArray(target)) return structuredClone(patch);
    const out = target.map((t) => structuredClone(t) as Record<string, unknown>);
    for (const p of patch as Record<string, unknown>[]) {
      const i = out.findIndex((t) => t.name === p.name);
      if (i === -1) out.push(structuredClone(p));
      else out[i] = strategicMerge(out[i], p) as Record<string, unknown>;
    }
    return out;
  }
  if (!isRecord(patch)) return patch;
  const out: Record<string, unknown> = isRecord(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    const merged = strategicMerge(out[k], v, k);
    if (merged === undefined) delete out[k];
    else out[k] = merged;
  }
  return out;
}

/** What a person fills in for each kind of placeholder before applying. */
function fillPlaceholders(value: unknown): unknown {
  if (typeof value === "string" && value.includes("<")) {
    if (/^<non-root UID/.test(value)) return 10001;
    if (/^<cpu /.test(value)) return "100m";
    if (/^<memory /.test(value)) return "128Mi";
    return value.replace(/<version tag of [^>]+>/, "1.4.2");
  }
  if (Array.isArray(value)) return value.map(fillPlaceholders);
  if (isRecord(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillPlaceholders(v)]));
  return value;
}

const enc = (s: string) => new TextEncoder().encode(s);
const load = (yaml: string) => loadSnapshot([{ name: "t.yaml", data: enc(yaml) }]);
const sameObject = (o: K8sObject, r: CheckResult) =>
  r.object?.kind === o.kind &&
  r.object.name === o.metadata.name &&
  r.object.namespace === o.metadata.namespace;

function failingOf(snapshot: Pick<LoadedSnapshot, "objects" | "facts" | "certificates">, checkId: string) {
  return analyze(snapshot, { now: FIXTURE_NOW }).results.filter(
    (r) => r.checkId === checkId && r.status === "fail",
  );
}

/** The snapshot with the patch applied to `obj` (or its manifest added), placeholders filled in. */
function applied(snapshot: LoadedSnapshot, obj: K8sObject, patch: Patch): LoadedSnapshot {
  const body = fillPlaceholders(patch.body) as Record<string, unknown>;
  const objects =
    patch.type === "manifest"
      ? [...snapshot.objects, body as unknown as K8sObject]
      : snapshot.objects.map((o) => (o === obj ? (strategicMerge(o, body) as K8sObject) : o));
  return { ...snapshot, objects };
}

/** A Deployment that sets nothing: fails every patched check. */
const BARE = `apiVersion: apps/v1
kind: Deployment
metadata: {name: bare, namespace: shop}
spec:
  replicas: 3
  selector: {matchLabels: {app: bare}}
  template:
    metadata: {labels: {app: bare}}
    spec:
      initContainers: [{name: init, image: "busybox"}]
      containers:
        - {name: app, image: "registry.example.com/app:latest", ports: [{containerPort: 8080}]}
        - {name: sidecar, image: "envoy", securityContext: {runAsUser: 0}, ports: [{containerPort: 9901}]}
`;

describe("patches re-checked on the fixtures", () => {
  it.each(PATCHED_CHECKS.map((id) => [id]))("%s: each generated patch makes its object pass", (checkId) => {
    const dir = join(FIXTURES_DIR, checkId);
    let fixed = 0;
    const sources = readdirSync(dir)
      .filter((f) => f.startsWith("fail") && f.endsWith(".yaml"))
      .map((f) => [f, readFileSync(join(dir, f))] as const);
    for (const [file, data] of [...sources, ["bare.yaml", enc(BARE)] as const]) {
      const snapshot = loadSnapshot([{ name: file, data }]);
      const failing = failingOf(snapshot, checkId);
      for (const obj of snapshot.objects) {
        const mine = failing.filter((r) => sameObject(obj, r));
        if (mine.length === 0) continue;
        const patches = patchesFor(
          obj,
          mine.map((r) => ({ checkId, container: r.object?.container, concern: r.concern })),
        );
        if (patches.length === 0) continue;
        expect(patches).toHaveLength(1);
        const patch = patches[0]!;
        // The YAML shown is the body, and the kubectl line carries the same body.
        expect(parse(patch.yaml)).toEqual(patch.body);
        if (patch.type === "strategic-merge") {
          const json = /-p '(.*)'$/.exec(patch.command)?.[1]?.replace(/'\\''/g, "'");
          expect(JSON.parse(json!)).toEqual(patch.body);
          expect(patch.command).toContain(
            `kubectl patch ${obj.kind.toLowerCase()} ${obj.metadata.name}${obj.metadata.namespace ? ` -n ${obj.metadata.namespace}` : ""} --type strategic`,
          );
        }
        // Ephemeral (debug) containers cannot be patched; their results stay.
        const after = failingOf(applied(snapshot, obj, patch), checkId).filter(
          (r) => sameObject(obj, r) && !r.object?.path?.includes(".ephemeralContainers["),
        );
        expect(after, `${file}: ${obj.kind} ${obj.metadata.name} still fails`).toEqual([]);
        fixed++;
      }
    }
    expect(fixed, "no fixture object was patched").toBeGreaterThan(0);
  });
});

const CRONJOB = `apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly, namespace: ops}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          initContainers: [{name: migrate, image: "tools/migrate:2.1"}]
          containers: [{name: run, image: "tools/run:latest"}]
`;

describe("patchesFor", () => {
  it("puts init containers under initContainers on the CronJob's pod template, by name", () => {
    const snapshot = load(CRONJOB);
    const obj = snapshot.objects[0]!;
    const [patch] = patchesFor(obj, [
      { checkId: "privilege-escalation", container: "migrate" },
      { checkId: "privilege-escalation", container: "run" },
    ]);
    expect(patch?.body).toEqual({
      spec: {
        jobTemplate: {
          spec: {
            template: {
              spec: {
                containers: [{ name: "run", securityContext: { allowPrivilegeEscalation: false } }],
                initContainers: [{ name: "migrate", securityContext: { allowPrivilegeEscalation: false } }],
              },
            },
          },
        },
      },
    });
    const after = failingOf(applied(snapshot, obj, patch!), "privilege-escalation");
    expect(after).toEqual([]);
  });

  it("marks values that need a person as placeholders instead of inventing them", () => {
    const obj = load(CRONJOB).objects[0]!;
    const [requests] = patchesFor(obj, [
      { checkId: "resource-requests", container: "run", concern: "memory" },
    ]);
    expect(requests?.placeholders).toEqual(["memory request of run"]);
    expect(requests?.yaml).toContain("memory: <memory request of run>");
    expect(requests?.yaml).not.toContain("cpu");
    const [tag] = patchesFor(obj, [{ checkId: "image-tag-pinned", container: "run" }]);
    expect(tag?.yaml).toContain("image: tools/run:<version tag of tools/run>");
  });

  it("quotes the patch for the shell when a value holds a single quote", () => {
    const obj = load(CRONJOB.replace("name: run, image", 'name: "it\'s", image')).objects[0]!;
    const [patch] = patchesFor(obj, [{ checkId: "read-only-root-filesystem", container: "it's" }]);
    expect(patch?.command).toContain(`"name":"it'\\''s"`);
  });

  it("gives nothing for Pods (immutable spec), Jobs and checks without a mechanical fix", () => {
    const pod = load(
      "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: a}\nspec: {containers: [{name: c, image: x:1}]}\n",
    ).objects[0]!;
    expect(patchesFor(pod, [{ checkId: "privilege-escalation", container: "c" }])).toEqual([]);
    const deploy = load(
      "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, namespace: a}\nspec: {template: {spec: {containers: [{name: c, image: x:1}]}}}\n",
    ).objects[0]!;
    expect(patchesFor(deploy, [{ checkId: "single-replica" }])).toEqual([]);
  });
});
