import { TokensPanel } from "@/components/settings/tokens-panel";
import { requirePrincipal } from "@/lib/auth/session";

export const metadata = { title: "API tokens" };

export default async function TokensPage() {
  const { user } = await requirePrincipal();
  return <TokensPanel isAdmin={user.role === "admin"} />;
}
