import { ChecklistPanel } from "@/components/checklist/manual-items";

export const metadata = { title: "Checklist" };

export default async function ChecklistPage({ params }: { params: Promise<{ id: string }> }) {
  return <ChecklistPanel assessmentId={(await params).id} />;
}
