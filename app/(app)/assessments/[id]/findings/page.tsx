import { Suspense } from "react";
import { FindingsExplorer } from "@/components/findings/findings-explorer";
import { requireAssessmentPage } from "@/lib/auth/session";

export const metadata = { title: "Findings" };

export default async function FindingsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireAssessmentPage(id);
  return (
    <Suspense fallback={<p className="text-sm text-slate-600">Loading findings…</p>}>
      <FindingsExplorer assessmentId={id} />
    </Suspense>
  );
}
