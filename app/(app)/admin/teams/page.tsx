import { TeamsPanel } from "@/components/admin/teams-panel";
import { requireAdminPrincipal } from "@/lib/auth/session";

export const metadata = { title: "Teams" };

export default async function TeamsPage() {
  await requireAdminPrincipal();
  return <TeamsPanel />;
}
