import { SeverityBadge } from "@/components/ui/severity-badge";
import { requirePrincipal } from "@/lib/auth/session";
import { checkCatalogue } from "@/lib/engine";
import { CATEGORIES } from "@/lib/engine/types";

export const metadata = { title: "Checks" };

export default async function ChecksPage() {
  await requirePrincipal();
  const checks = checkCatalogue();
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Check catalogue</h1>
        <p className="mt-1 text-sm text-slate-600">
          {checks.length} automated checks run on every snapshot. The CLI prints the same list:{" "}
          <code>npx kubeready checks</code>. Exempt an object with the annotations{" "}
          <code>kubeready.io/exempt: &quot;check-id,…&quot;</code> and <code>kubeready.io/exempt-reason</code>
          .
        </p>
      </div>
      {CATEGORIES.map((category) => {
        const inCategory = checks.filter((c) => c.category === category);
        if (inCategory.length === 0) return null;
        return (
          <section key={category} aria-labelledby={`cat-${category}`}>
            <h2 id={`cat-${category}`} className="mb-2 text-lg font-semibold capitalize">
              {category} ({inCategory.length})
            </h2>
            <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
              {inCategory.map((c) => (
                <li key={c.id} className="px-4 py-3 text-sm">
                  <div className="flex flex-wrap items-center gap-2">
                    <SeverityBadge severity={c.severity} />
                    <span className="font-medium">{c.title}</span>
                    <code className="text-xs break-all text-slate-500">{c.id}</code>
                  </div>
                  <p className="mt-1 text-slate-600">{c.rationale}</p>
                  <p className="mt-1 text-slate-700">
                    <span className="font-medium">Fix: </span>
                    {c.remediation}
                  </p>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
