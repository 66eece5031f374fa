import { redirect } from "next/navigation";
import { AuthShell } from "@/components/auth/auth-shell";
import { Alert } from "@/components/ui/alert";
import { CredentialsForm } from "@/components/auth/credentials-form";
import { OidcButton, SignInError } from "@/components/auth/oidc-button";
import { oidcSettings } from "@/lib/auth/oidc";
import { currentPrincipal } from "@/lib/auth/session";
import { countUsers } from "@/lib/server/users";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  if ((await countUsers()) === 0) redirect("/setup");
  if (await currentPrincipal()) redirect("/assessments");
  const query = await searchParams;
  const oidc = oidcSettings();
  return (
    <AuthShell title="Sign in" intro="Use the account an administrator created for you.">
      <SignInError code={query.error} />
      {query.reset === "done" ? (
        <div className="mb-4">
          <Alert tone="success">Your password was changed. Sign in with the new one.</Alert>
        </div>
      ) : null}
      {oidc ? <OidcButton displayName={oidc.displayName} /> : null}
      <CredentialsForm mode="login" />
    </AuthShell>
  );
}
