import { Suspense } from "react";
import { Forbidden } from "@/components/admin/forbidden";
import { ChecklistEditor } from "@/components/admin/checklists/checklist-editor";
import { requireUser } from "@/lib/auth/session";

export const metadata = { title: "Edit checklist" };

export default async function ChecklistPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  if (user.role !== "admin") return <Forbidden />;
  const { id } = await params;
  // The editor reads ?version= on the client; Suspense marks where that boundary is.
  return (
    <Suspense>
      <ChecklistEditor checklistId={id} />
    </Suspense>
  );
}
