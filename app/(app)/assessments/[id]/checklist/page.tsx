import { ChecklistPanel } from "@/components/checklist/manual-items";

import { requireAssessmentPage } from "@/lib/auth/session";

export const metadata = { title: "Checklist" };

export default async function ChecklistPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireAssessmentPage(id);
  return <ChecklistPanel assessmentId={id} />;
}
