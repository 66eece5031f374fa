"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useRef, useState } from "react";
import { SignOutButton } from "@/components/auth/sign-out-button";

export interface NavLink {
  href: string;
  label: string;
}

/** A link is current on its own page and on the pages under it (an assessment is under Assessments). */
export const isCurrent = (pathname: string, href: string) =>
  pathname === href || pathname.startsWith(`${href}/`);

/**
 * The main navigation: a row of links on wide screens; below `lg` a disclosure button (the pattern of
 * the WAI-ARIA APG "disclosure navigation") that shows the same links as a list. Escape closes it and
 * returns focus to the button; following a link closes it.
 */
export function AppNav({ links, user }: { links: NavLink[]; user: { name: string; role: string } }) {
  const pathname = usePathname();
  // Open for the page it was opened on: navigating elsewhere closes it without an effect.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const button = useRef<HTMLButtonElement>(null);

  return (
    <nav
      aria-label="Main"
      className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3"
      onKeyDown={(e) => {
        if (e.key === "Escape" && open) {
          setOpenOn(null);
          button.current?.focus();
        }
      }}
    >
      <Link href="/assessments" className="text-brand-700 text-lg font-bold tracking-tight">
        Kubeready
      </Link>
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls="main-menu"
        onClick={() => setOpenOn(open ? null : pathname)}
        className="ml-auto inline-flex items-center gap-2 rounded-md px-3 py-2 text-sm font-medium text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50 lg:hidden"
      >
        <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4 fill-current">
          {open ? (
            <path d="M4.3 4.3a1 1 0 0 1 1.4 0L10 8.6l4.3-4.3a1 1 0 1 1 1.4 1.4L11.4 10l4.3 4.3a1 1 0 0 1-1.4 1.4L10 11.4l-4.3 4.3a1 1 0 0 1-1.4-1.4L8.6 10 4.3 5.7a1 1 0 0 1 0-1.4Z" />
          ) : (
            <path d="M3 5a1 1 0 0 1 1-1h12a1 1 0 1 1 0 2H4a1 1 0 0 1-1-1Zm0 5a1 1 0 0 1 1-1h12a1 1 0 1 1 0 2H4a1 1 0 0 1-1-1Zm1 4a1 1 0 1 0 0 2h12a1 1 0 1 0 0-2H4Z" />
          )}
        </svg>
        Menu
      </button>
      <div
        id="main-menu"
        className={`${open ? "flex" : "hidden"} w-full flex-col gap-3 lg:flex lg:w-auto lg:flex-1 lg:flex-row lg:items-center`}
      >
        <ul className="flex flex-col text-sm lg:flex-row lg:flex-wrap lg:gap-x-4">
          {links.map((l) => {
            const current = isCurrent(pathname, l.href);
            return (
              <li key={l.href}>
                <Link
                  href={l.href}
                  aria-current={current ? "page" : undefined}
                  onClick={() => setOpenOn(null)}
                  className={`block border-l-4 px-3 py-2 lg:border-b-2 lg:border-l-0 lg:px-0 lg:py-1 ${
                    current
                      ? "border-brand-600 text-brand-700 bg-brand-50 font-semibold lg:bg-transparent"
                      : "hover:text-brand-700 border-transparent text-slate-700"
                  }`}
                >
                  {l.label}
                </Link>
              </li>
            );
          })}
        </ul>
        <div className="flex items-center gap-3 border-t border-slate-200 pt-3 text-sm text-slate-600 lg:ml-auto lg:border-0 lg:pt-0">
          <span>
            {user.name} <span className="text-slate-500">({user.role})</span>
          </span>
          <SignOutButton />
        </div>
      </div>
    </nav>
  );
}
