import { RescoreButton } from "@/components/report/rescore-button";
import { ReportView } from "@/components/report/report-view";
import { buildReport } from "@/lib/server/reports";

export const metadata = { title: "Report" };

export default async function ReportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const report = await buildReport(id);
  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm">
        <a href={`/api/assessments/${id}/report`} className="text-brand-700 hover:underline">
          Download as JSON
        </a>
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
