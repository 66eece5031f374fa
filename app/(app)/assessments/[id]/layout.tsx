import Link from "next/link";
import type { ReactNode } from "react";
import { AssessmentTabs } from "@/components/assessments/tabs";
import { requireAssessmentPage } from "@/lib/auth/session";
import { assessmentRights } from "@/lib/server/access";
import { getAssessment } from "@/lib/server/assessments";

export default async function AssessmentLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ id: string }>;
}) {
  const { id } = await params;
  // Layouts render in parallel with the (app) layout's own check: this one guards itself.
  const principal = await requireAssessmentPage(id);
  const [assessment, rights] = await Promise.all([
    getAssessment(principal, id),
    assessmentRights(principal, id),
  ]);
  return (
    <div>
      <p className="text-sm">
        <Link href="/assessments" className="text-brand-700 hover:underline">
          ← All assessments
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">{assessment.name}</h1>
      <p className="mb-4 text-sm text-slate-600">
        {assessment.team.name} · owned by {assessment.owner.name}
      </p>
      <AssessmentTabs id={id} canManage={rights.manage} />
      {children}
    </div>
  );
}
