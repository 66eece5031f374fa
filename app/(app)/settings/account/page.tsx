import { AccountPanel } from "@/components/settings/account-panel";
import { requirePrincipal } from "@/lib/auth/session";
import { accountSummary } from "@/lib/server/accounts";

export const dynamic = "force-dynamic";
export const metadata = { title: "Account" };

export default async function AccountPage() {
  const account = await accountSummary(await requirePrincipal());
  return (
    <AccountPanel
      email={account.email}
      hasPassword={account.hasPassword}
      passwordChangedAt={account.passwordChangedAt?.toISOString() ?? null}
    />
  );
}
