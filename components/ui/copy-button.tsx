"use client";

import { useState } from "react";
import { Button } from "./button";

/**
 * Copies `text` to the clipboard and says so. The Clipboard API exists only in secure contexts (https or
 * localhost); a self-hosted install reached over plain http by its address has none, so the text is then
 * copied through a selected, hidden textarea and `execCommand("copy")`, which still works there.
 */
async function copy(text: string): Promise<boolean> {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // fall through to the older way
    }
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.append(area);
  area.select();
  try {
    return document.execCommand("copy");
  } finally {
    area.remove();
  }
}

export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <>
      <Button variant="secondary" onClick={async () => setState((await copy(text)) ? "copied" : "failed")}>
        {state === "copied" ? "Copied" : label}
      </Button>
      <span role="status" className={state === "failed" ? "text-xs text-red-700" : "sr-only"}>
        {state === "copied"
          ? "Copied to the clipboard."
          : state === "failed"
            ? "Copy failed: select it and copy by hand."
            : ""}
      </span>
    </>
  );
}
