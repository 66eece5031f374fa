import type { ReactNode } from "react";
import { AppNav } from "@/components/app-nav";
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
        <AppNav links={links} user={{ name: user.name, role: user.role }} />
      </header>
      <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-8 focus:outline-none">
        {children}
      </main>
    </div>
  );
}
