import { Forbidden } from "@/components/admin/forbidden";
import { ChecklistsPanel } from "@/components/admin/checklists/checklists-panel";
import { requireUser } from "@/lib/auth/session";

export const metadata = { title: "Checklists" };

export default async function ChecklistsPage() {
  const user = await requireUser();
  if (user.role !== "admin") return <Forbidden />;
  return <ChecklistsPanel />;
}
