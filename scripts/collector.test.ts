// The downloadable collector (public/kubeready-collect.sh), run against a stand-in kubectl that answers
// with real cluster dumps from the corpus: its archive loads in the engine and carries no Secret values.
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadSnapshot } from "@/lib/engine";

const corpus = path.resolve(process.cwd(), "../shared/corpus");
const hasCorpus = existsSync(corpus);
const script = path.resolve("public/kubeready-collect.sh");
const work = mkdtempSync(path.join(tmpdir(), "kubeready-collector-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(!hasCorpus)("collector script", () => {
  it("collects, keeps only public certificates of Secrets, and produces an uploadable archive", () => {
    const c = (rel: string) => path.join(corpus, rel);
    const tlsSecret = parse(
      readFileSync(
        c("manifests/nginx-kubernetes-ingress/examples/common-secrets/cafe-secret-cafe.example.com.yaml"),
        "utf8",
      ),
    ) as { data: Record<string, string> };
    const pullSecret = JSON.parse(readFileSync(c("cluster-dumps/kubectl-neat/secret1-raw.json"), "utf8")) as {
      data: Record<string, string>;
    };
    writeFileSync(
      path.join(work, "secrets.json"),
      JSON.stringify({ apiVersion: "v1", kind: "List", items: [tlsSecret, pullSecret] }),
    );
    const answers: Record<string, string> = {
      deployments: c("cluster-dumps/troubleshoot/deployments/default.json"),
      pods: c("cluster-dumps/troubleshoot/pods/default.json"),
      nodes: c("cluster-dumps/troubleshoot/nodes.json"),
      secrets: path.join(work, "secrets.json"),
    };
    const bin = path.join(work, "bin");
    execFileSync("mkdir", ["-p", bin]);
    const stub = path.join(bin, "kubectl");
    writeFileSync(
      stub,
      [
        "#!/bin/sh",
        'if [ "$1" = config ]; then echo corpus-test; exit 0; fi',
        'if [ "$1" = version ]; then echo "error: no server" >&2; exit 1; fi',
        'case "$2" in',
        ...Object.entries(answers).map(([kind, file]) => `  ${kind}) cat '${file}' ;;`),
        '  *) echo "error: the server doesn\'t have a resource type \\"$2\\"" >&2; exit 1 ;;',
        "esac",
      ].join("\n"),
    );
    chmodSync(stub, 0o755);
    const out = path.join(work, "snapshot.tar.gz");
    execFileSync("sh", [script, out], {
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
      stdio: "pipe",
    });

    const archive = readFileSync(out);
    const raw = gunzipSync(archive).toString("latin1");
    const pullValue = pullSecret.data[".dockerconfigjson"]!;
    expect(raw).not.toContain(pullValue);
    expect(raw).toContain(tlsSecret.data["tls.crt"]!);
    expect(raw).not.toContain(tlsSecret.data["tls.key"]!);

    const loaded = loadSnapshot([{ name: "snapshot.tar.gz", data: archive }]);
    expect(loaded.facts.countsByKind).toMatchObject({ Secret: 2, Node: expect.any(Number) as number });
    expect(loaded.facts.countsByKind.Deployment).toBeGreaterThan(0);
    expect(loaded.certificates.map((x) => x.secretName)).toContain("cafe-secret");
  });
});
