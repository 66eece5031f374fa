// SARIF 2.1.0 output, so CI systems (GitHub code scanning, GitLab, Azure DevOps) show findings inline.
// Rules come from the check registry; one result per failing or exempt object (exempt ones as suppressed).
import type { Analysis, CheckMeta, CheckResult, K8sObject, ObjectOrigin, Severity } from "../engine";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

type Level = "error" | "warning" | "note";

export function sarifLevel(severity: Severity): Level {
  if (severity === "critical" || severity === "high") return "error";
  if (severity === "medium") return "warning";
  return "note";
}

export interface SarifReport {
  analysis: Analysis;
  objects: readonly K8sObject[];
  /** Where each object was read from, by index into `objects`. */
  origins: readonly ObjectOrigin[];
}

function key(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}\u0000${namespace ?? ""}\u0000${name}`;
}

/** Archive members are named `archive!/path`; SARIF artifact URIs get the member path after the archive. */
function artifactUri(file: string): string {
  return encodeURI(file.replace(/\\/g, "/").replace(/!\//, "/"));
}

function pascal(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase());
}

export function toSarif(
  catalogue: readonly CheckMeta[],
  reports: readonly SarifReport[],
  version: string,
): object {
  const ruleIndex = new Map(catalogue.map((c, i) => [c.id, i]));
  const rules = catalogue.map((c) => ({
    id: c.id,
    name: pascal(c.id),
    shortDescription: { text: c.title },
    fullDescription: { text: c.rationale },
    help: {
      text: `${c.remediation}\n\n${c.references.join("\n")}`,
      markdown: `${c.remediation}\n\n${c.references.map((r) => `- <${r}>`).join("\n")}`,
    },
    ...(c.references[0] ? { helpUri: c.references[0] } : {}),
    defaultConfiguration: { level: sarifLevel(c.severity) },
    properties: { category: c.category, severity: c.severity, tags: ["kubernetes", c.category] },
  }));

  const results: object[] = [];
  for (const { analysis, objects, origins } of reports) {
    const originByKey = new Map<string, ObjectOrigin | undefined>();
    objects.forEach((o, i) =>
      originByKey.set(key(o.kind, o.metadata.namespace, o.metadata.name), origins[i]),
    );
    const toResult = (r: CheckResult): object => {
      const ref = r.object;
      const locations: object[] = [];
      if (ref) {
        const origin = originByKey.get(key(ref.kind, ref.namespace, ref.name));
        const fqn = [ref.namespace ?? "", ref.kind, ref.name, ref.container ?? ""].filter(Boolean).join("/");
        locations.push({
          ...(origin
            ? {
                physicalLocation: {
                  artifactLocation: { uri: artifactUri(origin.file) },
                  ...(origin.line !== undefined ? { region: { startLine: origin.line } } : {}),
                },
              }
            : {}),
          logicalLocations: [
            { name: ref.name, fullyQualifiedName: fqn, kind: "resource" },
            ...(ref.path
              ? [{ name: ref.path, fullyQualifiedName: `${fqn}:${ref.path}`, kind: "member" }]
              : []),
          ],
        });
      }
      return {
        ruleId: r.checkId,
        ...(ruleIndex.has(r.checkId) ? { ruleIndex: ruleIndex.get(r.checkId) } : {}),
        level: sarifLevel(r.severity),
        message: { text: r.message },
        ...(locations.length > 0 ? { locations } : {}),
        ...(r.status === "exempt"
          ? { suppressions: [{ kind: "external", justification: r.exemptReason ?? "exempt" }] }
          : {}),
        properties: { severity: r.severity, status: r.status },
      };
    };
    for (const r of analysis.results)
      if (r.status === "fail" || r.status === "exempt") results.push(toResult(r));
  }

  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "kubeready", semanticVersion: version, rules } },
        results,
        columnKind: "utf16CodeUnits",
      },
    ],
  };
}
