import { QuestionnairePanel } from "@/components/questionnaire/questionnaire";

import { requireAssessmentPage } from "@/lib/auth/session";

export const metadata = { title: "Questionnaire" };

export default async function QuestionnairePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireAssessmentPage(id);
  return <QuestionnairePanel assessmentId={id} />;
}
