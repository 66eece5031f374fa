// "What would change the verdict": the smallest answer changes that move the need-Kubernetes verdict or
// recommendation, as computed by the heuristic itself (lib/engine/heuristic/verdict-changes.ts).
import type { VerdictChange } from "@/lib/engine/heuristic/verdict-changes";

export function VerdictChanges({ changes }: { changes: VerdictChange[] }) {
  if (changes.length === 0) return null;
  return (
    <div className="mt-4" data-testid="verdict-changes">
      <h3 className="text-sm font-semibold">What would change the verdict</h3>
      <p className="mt-1 text-xs text-slate-600">
        The smallest changes to your answers that give another verdict or recommendation, worked out by the
        same scoring as above.
      </p>
      <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-700">
        {changes.map((c) => (
          <li key={c.summary}>{c.summary}</li>
        ))}
      </ul>
    </div>
  );
}
