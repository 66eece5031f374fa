"use client";
// What a page shows when rendering it failed. Next passes no message in production (only a digest),
// so the page asks /api/ready: when the database is away it says so and tries again by itself every
// few seconds, reloading the page once the database answers; otherwise a generic error with the
// reference the server logged it under.
import { useRouter } from "next/navigation";
import { startTransition, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";

const RETRY_MS = 3000;

type Cause = "checking" | "database" | "starting" | "unreachable" | "other";

export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const router = useRouter();
  const [cause, setCause] = useState<Cause>("checking");
  const waited = useRef(false);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let cancelled = false;
    const retry = () => {
      startTransition(() => {
        router.refresh();
        reset();
      });
    };
    const check = async () => {
      let next: Cause;
      try {
        const res = await fetch("/api/ready", { cache: "no-store" });
        const body = res.ok ? null : ((await res.json().catch(() => null)) as { code?: string } | null);
        next = res.ok
          ? "other"
          : body?.code === "starting"
            ? "starting"
            : body?.code === "database-unavailable"
              ? "database"
              : "other";
      } catch {
        next = "unreachable";
      }
      if (cancelled) return;
      if (next === "other" && waited.current) return retry();
      if (next !== "other") {
        waited.current = true;
        timer = setTimeout(() => void check(), RETRY_MS);
      }
      setCause(next);
    };
    void check();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [reset, router]);

  const away = cause === "database" || cause === "starting" || cause === "unreachable";
  return (
    <main id="main" tabIndex={-1} className="mx-auto max-w-md px-4 py-24 text-center focus:outline-none">
      {away ? (
        <>
          <h1 className="text-2xl font-semibold">
            {cause === "starting"
              ? "Kubeready is starting"
              : cause === "unreachable"
                ? "Kubeready cannot be reached"
                : "Database unavailable"}
          </h1>
          <p className="mt-2 text-sm text-slate-600" role="status">
            {cause === "starting"
              ? "It is waiting for its database."
              : cause === "unreachable"
                ? "The server does not answer."
                : "Kubeready cannot reach its database right now."}{" "}
            Retrying every few seconds; this page reloads by itself when it is back. Nothing you saved is
            lost.
          </p>
        </>
      ) : (
        <>
          <h1 className="text-2xl font-semibold">Something went wrong</h1>
          <p className="mt-2 text-sm text-slate-600">
            This page could not be shown.
            {error.digest ? ` Quote reference ${error.digest} when reporting it.` : ""}
          </p>
        </>
      )}
      <Button
        variant="secondary"
        className="mt-6"
        onClick={() =>
          startTransition(() => {
            router.refresh();
            reset();
          })
        }
      >
        Try again
      </Button>
    </main>
  );
}
