import { Suspense } from "react";
import { ChecklistEditor } from "@/components/admin/checklists/checklist-editor";
import { requireAdminPrincipal } from "@/lib/auth/session";

export const metadata = { title: "Edit checklist" };

export default async function ChecklistPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdminPrincipal();
  const { id } = await params;
  // The editor reads ?version= on the client; Suspense marks where that boundary is.
  return (
    <Suspense>
      <ChecklistEditor checklistId={id} />
    </Suspense>
  );
}
