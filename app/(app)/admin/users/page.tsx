import { UsersPanel } from "@/components/admin/users-panel";
import { requireAdminPrincipal } from "@/lib/auth/session";

export const metadata = { title: "Users" };

export default async function UsersPage() {
  const { user } = await requireAdminPrincipal();
  return <UsersPanel selfId={user.id} />;
}
