"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";

/**
 * Lets something wider than the screen (a table on a phone) scroll sideways inside the page instead of
 * widening it. While it does scroll it is a named, focusable region, so keyboard users can scroll it
 * too (WCAG 2.1.1); when it fits it is a plain box and no extra tab stop. It is `relative` so that what
 * is absolutely positioned inside (the `sr-only` texts of header cells) is clipped with the rest instead
 * of widening the page.
 */
export function HorizontalScroll({
  label,
  className = "",
  children,
}: {
  /** The region's name; by default the caption of the table inside, else "Table". */
  label?: string;
  className?: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    const box = ref.current;
    if (!box) return;
    // Observers report once when they start, then on every change of the box or its content.
    const observer = new ResizeObserver(() =>
      setName(
        box.scrollWidth > box.clientWidth + 1
          ? (label ?? box.querySelector("caption")?.textContent?.trim() ?? "Table")
          : null,
      ),
    );
    observer.observe(box);
    for (const child of box.children) observer.observe(child);
    return () => observer.disconnect();
  }, [label]);
  return (
    <div
      ref={ref}
      className={`relative max-w-full overflow-x-auto ${className}`}
      {...(name === null ? {} : { tabIndex: 0, role: "region", "aria-label": name })}
    >
      {children}
    </div>
  );
}
