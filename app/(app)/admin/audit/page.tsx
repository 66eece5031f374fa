import { AuditPanel } from "@/components/admin/audit-panel";
import { requireAdminPrincipal } from "@/lib/auth/session";

export const metadata = { title: "Audit log" };

export default async function AuditPage() {
  await requireAdminPrincipal();
  return <AuditPanel />;
}
