"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** The Share tab shows only to those who may manage links (owner, team maintainers, administrators). */
export function AssessmentTabs({ id, canManage }: { id: string; canManage: boolean }) {
  const pathname = usePathname();
  const tabs = [
    { href: `/assessments/${id}`, label: "Questionnaire" },
    { href: `/assessments/${id}/checklist`, label: "Checklist" },
    { href: `/assessments/${id}/snapshots`, label: "Snapshots" },
    { href: `/assessments/${id}/findings`, label: "Findings" },
    { href: `/assessments/${id}/report`, label: "Report" },
    ...(canManage ? [{ href: `/assessments/${id}/share`, label: "Share" }] : []),
  ];
  return (
    <nav aria-label="Assessment" className="mb-6 border-b border-slate-200 print:hidden">
      {/* Wraps instead of running off a narrow screen: every tab stays in view. */}
      <ul className="-mb-px flex flex-wrap gap-x-6 gap-y-1 text-sm">
        {tabs.map((t) => {
          const active = pathname === t.href;
          return (
            <li key={t.href}>
              <Link
                href={t.href}
                aria-current={active ? "page" : undefined}
                className={`inline-block border-b-2 py-2 ${active ? "border-brand-600 text-brand-700 font-semibold" : "border-transparent text-slate-600 hover:text-slate-900"}`}
              >
                {t.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
