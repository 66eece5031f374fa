// Runs redact.worker.ts on the chosen files and describes what it removed.
import { SnapshotError } from "@/lib/engine/snapshot/errors";
import type { RedactionCounts } from "@/lib/engine/types";
import { ApiError } from "@/lib/client/fetcher";
import type { RedactRequest, RedactResponse } from "./redact-protocol";

export type Redacted = Extract<RedactResponse, { type: "done" }>;
export type RedactProgress = Extract<RedactResponse, { type: "progress" }>;

/**
 * Parses and redacts the files in a Web Worker. Rejects with an ApiError whose message is the one the
 * server would give (SnapshotError.describe()) when the engine refuses the input. `signal` stops the worker.
 */
export function redactInBrowser(
  files: File[],
  onProgress: (p: RedactProgress) => void,
  signal?: AbortSignal,
): Promise<Redacted> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./redact.worker.ts", import.meta.url), { type: "module" });
    const stop = () => {
      worker.terminate();
      reject(new ApiError(0, "aborted", "The upload was cancelled."));
    };
    signal?.addEventListener("abort", stop, { once: true });
    const settle = () => {
      signal?.removeEventListener("abort", stop);
      worker.terminate();
    };
    worker.onmessage = (event: MessageEvent<RedactResponse>) => {
      const m = event.data;
      if (m.type === "progress") return onProgress(m);
      settle();
      if (m.type === "done") resolve(m);
      else if (m.type === "rejected") {
        const err = new SnapshotError(m.error.code, m.error.message, m.error.location);
        reject(new ApiError(422, m.error.code, err.describe()));
      } else {
        reject(
          new ApiError(
            0,
            "browser",
            `Your browser could not read the files (${m.message}). Nothing was sent.`,
          ),
        );
      }
    };
    worker.onerror = (event) => {
      settle();
      reject(
        new ApiError(
          0,
          "browser",
          `Your browser could not read the files (${event.message}). Nothing was sent.`,
        ),
      );
    };
    worker.postMessage({ files } satisfies RedactRequest);
  });
}

const REMOVED: [keyof RedactionCounts, string, string][] = [
  ["secretValuesDropped", "Secret value", "Secret values"],
  ["envValuesRedacted", "secret-looking environment variable", "secret-looking environment variables"],
  ["urlCredentialsRedacted", "password in a URL", "passwords in URLs"],
  ["connectionStringValuesRedacted", "connection-string credential", "connection-string credentials"],
  ["argumentValuesRedacted", "secret command-line argument", "secret command-line arguments"],
  ["tokensRedacted", "token or key", "tokens or keys"],
  ["privateKeysRedacted", "private key", "private keys"],
  ["configMapValuesRedacted", "secret-looking ConfigMap value", "secret-looking ConfigMap values"],
  [
    "lastAppliedAnnotationsDropped",
    "last-applied-configuration annotation",
    "last-applied-configuration annotations",
  ],
];

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "3 Secret values (from 2 Secrets), 2 passwords in URLs": the non-zero kinds, in words. */
export function describeRemoved(c: RedactionCounts): string[] {
  return REMOVED.filter(([key]) => c[key] > 0).map(([key, one, many]) =>
    key === "secretValuesDropped" && c.secretsRedacted > 0
      ? `${count(c[key], one, many)} (from ${count(c.secretsRedacted, "Secret", "Secrets")})`
      : count(c[key], one, many),
  );
}
