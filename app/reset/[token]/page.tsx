import Link from "next/link";
import { AuthShell } from "@/components/auth/auth-shell";
import { ResetForm } from "@/components/auth/reset-form";
import { formatDate } from "@/components/ui/format";
import { describePasswordReset } from "@/lib/server/accounts";

export const dynamic = "force-dynamic";
// The token is in the path: never send it to another site in a Referer, never index it.
export const metadata = { title: "Reset password", referrer: "no-referrer", robots: { index: false } };

export default async function ResetPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  // Reading the link does not use it up: link previews and mail scanners open it too.
  const reset = await describePasswordReset(token);
  if (!reset) {
    return (
      <AuthShell
        title="This reset link is not valid"
        intro="It was already used, has expired or was replaced by a newer one. Ask an administrator for a new link."
      >
        <Link href="/login" className="text-brand-700 text-sm font-medium hover:underline">
          Go to sign in
        </Link>
      </AuthShell>
    );
  }
  return (
    <AuthShell
      title="Choose a new password"
      intro={`For ${reset.email}. This link works once, until ${formatDate(reset.expiresAt)}.`}
    >
      <ResetForm token={token} email={reset.email} />
    </AuthShell>
  );
}
