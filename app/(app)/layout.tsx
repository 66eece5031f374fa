import Link from "next/link";
import type { ReactNode } from "react";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { requirePrincipal } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const { user } = await requirePrincipal();
  const links = [
    { href: "/assessments", label: "Assessments" },
    { href: "/checks", label: "Checks" },
    { href: "/settings/tokens", label: "API tokens" },
    { href: "/settings/account", label: "Account" },
    ...(user.role === "admin"
      ? [
          { href: "/admin/checklists", label: "Checklists" },
          { href: "/admin/exemptions", label: "Exemptions" },
          { href: "/admin/audit", label: "Audit log" },
          { href: "/admin/users", label: "Users" },
          { href: "/admin/teams", label: "Teams" },
        ]
      : []),
  ];
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white print:hidden">
        <nav aria-label="Main" className="mx-auto flex max-w-6xl items-center gap-6 px-4 py-3">
          <Link href="/assessments" className="text-brand-700 text-lg font-bold tracking-tight">
            Kubeready
          </Link>
          <ul className="flex gap-4 text-sm">
            {links.map((l) => (
              <li key={l.href}>
                <Link href={l.href} className="hover:text-brand-700 text-slate-700">
                  {l.label}
                </Link>
              </li>
            ))}
          </ul>
          <div className="ml-auto flex items-center gap-3 text-sm text-slate-600">
            <span>
              {user.name} <span className="text-slate-400">({user.role})</span>
            </span>
            <SignOutButton />
          </div>
        </nav>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-8">{children}</main>
    </div>
  );
}
