import { Forbidden } from "@/components/admin/forbidden";
import { UsersPanel } from "@/components/admin/users-panel";
import { requireUser } from "@/lib/auth/session";

export const metadata = { title: "Users" };

export default async function UsersPage() {
  const user = await requireUser();
  if (user.role !== "admin") return <Forbidden />;
  return <UsersPanel selfId={user.id} />;
}
