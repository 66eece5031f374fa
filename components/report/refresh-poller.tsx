"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** While the report's results are being refreshed, re-renders it every few seconds until they are current. */
export function RefreshPoller({ everyMs = 2000 }: { everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), everyMs);
    return () => clearInterval(timer);
  }, [router, everyMs]);
  return null;
}
