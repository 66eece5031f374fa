// A generated patch: what it changes, the decisions left to the reader, the YAML and the kubectl line,
// each with a Copy button that says "Copied" (to screen readers too, through its status region).
import { CopyButton } from "@/components/ui/copy-button";
import type { Patch } from "@/lib/engine/patches";

export function PatchBlock({ patch, title }: { patch: Patch; title: string }) {
  const headingId = `patch-${patch.checkId}`;
  return (
    <section
      aria-labelledby={headingId}
      className="rounded-md border border-slate-200 p-4"
      data-testid="patch"
    >
      <h3 id={headingId} className="font-medium text-slate-900">
        {title}
      </h3>
      <p className="mt-1 text-sm text-slate-700">{patch.summary}</p>
      {patch.placeholders.length > 0 ? (
        <p className="mt-2 rounded bg-amber-50 p-2 text-sm text-amber-950">
          <span className="font-semibold">Fill in before applying:</span> {patch.placeholders.join("; ")} —
          each written <code>&lt;…&gt;</code> below. These need your decision; no value is guessed.
        </p>
      ) : null}
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <span className="text-xs font-semibold text-slate-700 uppercase">
          {patch.type === "manifest" ? "New manifest" : "Strategic-merge patch"}
        </span>
        <CopyButton text={patch.yaml} label={patch.type === "manifest" ? "Copy manifest" : "Copy patch"} />
      </div>
      {/* Focusable: a scrolling region must be reachable by keyboard (axe scrollable-region-focusable). */}
      <pre
        tabIndex={0}
        aria-label={`${patch.type === "manifest" ? "Manifest" : "Patch"} YAML`}
        className="mt-2 overflow-x-auto rounded bg-slate-900 p-3 text-xs text-slate-50"
      >
        <code>{patch.yaml}</code>
      </pre>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <span className="text-xs font-semibold text-slate-700 uppercase">Command</span>
        <CopyButton text={patch.command} label="Copy command" />
      </div>
      <pre
        tabIndex={0}
        aria-label="Command"
        className="mt-2 overflow-x-auto rounded bg-slate-900 p-3 text-xs break-all whitespace-pre-wrap text-slate-50"
      >
        <code>{patch.command}</code>
      </pre>
    </section>
  );
}
