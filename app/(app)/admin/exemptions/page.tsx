import { ExemptionsPanel } from "@/components/admin/exemptions-panel";
import { Forbidden } from "@/components/admin/forbidden";
import { requireUser } from "@/lib/auth/session";

export const metadata = { title: "Exemptions" };

export default async function ExemptionsPage() {
  const user = await requireUser();
  if (user.role !== "admin") return <Forbidden />;
  return <ExemptionsPanel />;
}
