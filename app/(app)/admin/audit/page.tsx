import { AuditPanel } from "@/components/admin/audit-panel";
import { Forbidden } from "@/components/admin/forbidden";
import { requireUser } from "@/lib/auth/session";

export const metadata = { title: "Audit log" };

export default async function AuditPage() {
  const user = await requireUser();
  if (user.role !== "admin") return <Forbidden />;
  return <AuditPanel />;
}
