"use client";

// Renders its children only once the reader scrolls near them: heavy parts below the fold (the history
// chart) cost neither the server's render nor the first paint. `minHeight` keeps the page from jumping.
import { useEffect, useRef, useState, type ReactNode } from "react";

export function WhenVisible({ children, minHeight }: { children: ReactNode; minHeight: number }) {
  const [shown, setShown] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    // Every browser the app supports has IntersectionObserver; the server never runs effects.
    if (!el || shown) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          observer.disconnect();
          setShown(true);
        }
      },
      { rootMargin: "400px" },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [shown]);
  return (
    <div ref={ref} style={shown ? undefined : { minHeight }}>
      {shown ? children : null}
    </div>
  );
}
