import { redirect } from "next/navigation";
import { AuthShell } from "@/components/auth/auth-shell";
import { CredentialsForm } from "@/components/auth/credentials-form";
import { countUsers } from "@/lib/server/users";

export const dynamic = "force-dynamic";
export const metadata = { title: "Set up" };

export default async function SetupPage() {
  if ((await countUsers()) > 0) redirect("/login");
  return (
    <AuthShell title="Welcome to Kubeready" intro="Create the first administrator account to get started.">
      <CredentialsForm mode="setup" />
    </AuthShell>
  );
}
