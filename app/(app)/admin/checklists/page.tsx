import { ChecklistsPanel } from "@/components/admin/checklists/checklists-panel";
import { requireAdminPrincipal } from "@/lib/auth/session";

export const metadata = { title: "Checklists" };

export default async function ChecklistsPage() {
  await requireAdminPrincipal();
  return <ChecklistsPanel />;
}
