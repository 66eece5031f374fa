import { DownloadLinks } from "@/components/report/download-links";
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
      <DownloadLinks href={`/api/assessments/${id}/report`}>
        <PrintButton />
      </DownloadLinks>
      <ReportView
        report={report}
        links={{
          checks: `/api/assessments/${id}/report/checks`,
          findings: `/assessments/${id}/findings`,
          checkPages: `/assessments/${id}/checks`,
        }}
        rescore={
          report.checklist?.newer ? (
            <RescoreButton assessmentId={id} number={report.checklist.newer.number} />
          ) : null
        }
      />
    </div>
  );
}
