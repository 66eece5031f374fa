import { redirect } from "next/navigation";
import { AuthShell } from "@/components/auth/auth-shell";
import { CredentialsForm } from "@/components/auth/credentials-form";
import { currentPrincipal } from "@/lib/auth/session";
import { countUsers } from "@/lib/server/users";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign in" };

export default async function LoginPage() {
  if ((await countUsers()) === 0) redirect("/setup");
  if (await currentPrincipal()) redirect("/assessments");
  return (
    <AuthShell title="Sign in" intro="Use the account an administrator created for you.">
      <CredentialsForm mode="login" />
    </AuthShell>
  );
}
