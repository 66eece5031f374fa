import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DownloadLinks } from "@/components/report/download-links";
import { ReportView } from "@/components/report/report-view";
import { AppError } from "@/lib/domain/errors";
import { buildReport } from "@/lib/server/reports";
import { resolveShareToken } from "@/lib/server/share-links";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Shared report", robots: { index: false, follow: false } };

async function load(token: string) {
  try {
    const share = await resolveShareToken(token);
    return await buildReport(share, share.assessmentId);
  } catch (err) {
    if (err instanceof AppError && err.code === "not-found") notFound();
    throw err;
  }
}

export default async function SharedReportPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const report = await load(token);
  return (
    <main id="main" tabIndex={-1} className="mx-auto max-w-5xl px-4 py-8 focus:outline-none">
      <p className="text-brand-700 text-sm font-bold tracking-tight">Kubeready · shared report (read-only)</p>
      <h1 className="mt-2 mb-6 text-2xl font-semibold">
        {report.assessment.name}
        <span className="text-slate-500"> · {report.assessment.team}</span>
      </h1>
      <div className="mb-4">
        <DownloadLinks href={`/api/shared/${encodeURIComponent(token)}`} />
      </div>
      <ReportView report={report} links={{ checks: `/api/shared/${encodeURIComponent(token)}/checks` }} />
    </main>
  );
}
