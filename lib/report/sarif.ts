// SARIF from the web: the latest snapshot's failing objects as the report lists them (the checklist's
// checks, at the checklist's severities), in the same SARIF the CLI writes. Objects carry logical
// locations only: the server keeps the objects, not the files and lines they came from.
import { toSarif } from "@/lib/cli/sarif";
import { checkCatalogue } from "@/lib/engine";
import type { Analysis, CheckResult } from "@/lib/engine/types";
import { ENGINE_VERSION } from "@/lib/engine/engine-version";
import type { Report } from "@/lib/server/reports";

export function reportToSarif(report: Report): object {
  const severity = new Map(report.findings.map((f) => [f.checkId, f.severity]));
  const catalogue = checkCatalogue()
    .filter((c) => severity.has(c.id))
    .map((c) => ({ ...c, severity: severity.get(c.id)! }));
  const results: CheckResult[] = report.findings.flatMap((f) =>
    f.affected.map((a) => ({
      checkId: f.checkId,
      status: "fail" as const,
      severity: f.severity,
      message: a.message,
      object: a.object,
    })),
  );
  const analysis = { results } as Pick<Analysis, "results"> as Analysis;
  return toSarif(catalogue, [{ analysis, objects: [], origins: [] }], ENGINE_VERSION);
}
