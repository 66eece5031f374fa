import { QuestionnairePanel } from "@/components/questionnaire/questionnaire";

export const metadata = { title: "Questionnaire" };

export default async function QuestionnairePage({ params }: { params: Promise<{ id: string }> }) {
  return <QuestionnairePanel assessmentId={(await params).id} />;
}
