import type { ReactNode } from "react";

export function AuthShell({
  title,
  intro,
  children,
}: {
  title: string;
  intro: ReactNode;
  children: ReactNode;
}) {
  return (
    <main
      id="main"
      tabIndex={-1}
      className="flex min-h-screen items-center justify-center px-4 focus:outline-none"
    >
      <div className="w-full max-w-sm">
        <p className="text-brand-700 mb-6 text-center text-xl font-bold tracking-tight">Kubeready</p>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="text-lg font-semibold">{title}</h1>
          <p className="mt-1 mb-5 text-sm text-slate-600">{intro}</p>
          {children}
        </div>
      </div>
    </main>
  );
}
