"use client";

import Link from "next/link";
import { useSyncExternalStore } from "react";
import { CopyButton } from "@/components/ui/copy-button";

const noSubscription = () => () => {};

/**
 * The command that uploads a snapshot from CI, with this server's own address: the origin the browser
 * reached it at, which behind a proxy is the public one (PUBLIC_URL). The server render, which cannot
 * know it, shows a placeholder for the moment before hydration.
 */
export function CurlExample({ assessmentId }: { assessmentId: string }) {
  const origin = useSyncExternalStore(
    noSubscription,
    () => window.location.origin,
    () => "https://kubeready.example.com",
  );
  const command = [
    'curl -fsS -H "Authorization: Bearer $KUBEREADY_TOKEN" --data-binary @cluster.json \\',
    `  "${origin}/api/assessments/${assessmentId}/snapshots?filename=cluster.json&wait=1"`,
  ].join("\n");
  return (
    <div className="mt-3 text-left">
      <p>
        Or from CI, with a token from{" "}
        <Link href="/settings/tokens" className="text-brand-700 underline">
          API tokens
        </Link>
        :
      </p>
      <pre
        data-testid="curl-example"
        className="mt-2 rounded-md bg-slate-900 p-3 font-mono text-xs break-all whitespace-pre-wrap text-slate-100"
      >
        {command}
      </pre>
      <div className="mt-2">
        <CopyButton text={command} label="Copy command" />
      </div>
    </div>
  );
}
