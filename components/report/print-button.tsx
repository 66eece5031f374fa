"use client";

/** The browser's print dialog gives "Save as PDF"; print styles hide navigation and controls. */
export function PrintButton() {
  return (
    <button type="button" onClick={() => window.print()} className="text-brand-700 hover:underline">
      Print / PDF
    </button>
  );
}
