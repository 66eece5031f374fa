import { PrintButton } from "@/components/report/print-button";
import { RescoreButton } from "@/components/report/rescore-button";
import { ReportView } from "@/components/report/report-view";
import { requireAssessmentPage } from "@/lib/auth/session";
import { buildReport } from "@/lib/server/reports";

export const metadata = { title: "Report" };

export default async function ReportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const principal = await requireAssessmentPage(id);
  const report = await buildReport(principal, id);
  return (
    <div className="flex flex-col gap-4">
      <p className="flex flex-wrap items-center gap-4 text-sm print:hidden">
        <span className="text-slate-500">Download:</span>
        <a href={`/api/assessments/${id}/report?format=md`} className="text-brand-700 hover:underline">
          Markdown
        </a>
        <a href={`/api/assessments/${id}/report?format=csv`} className="text-brand-700 hover:underline">
          CSV of findings
        </a>
        <a href={`/api/assessments/${id}/report`} className="text-brand-700 hover:underline">
          JSON
        </a>
        <PrintButton />
      </p>
      <ReportView
        report={report}
        rescore={
          report.checklist?.newer ? (
            <RescoreButton assessmentId={id} number={report.checklist.newer.number} />
          ) : null
        }
      />
    </div>
  );
}
