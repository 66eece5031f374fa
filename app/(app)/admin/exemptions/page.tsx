import { ExemptionsPanel } from "@/components/admin/exemptions-panel";
import { requireAdminPrincipal } from "@/lib/auth/session";

export const metadata = { title: "Exemptions" };

export default async function ExemptionsPage() {
  await requireAdminPrincipal();
  return <ExemptionsPanel />;
}
