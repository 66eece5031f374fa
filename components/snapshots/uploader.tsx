"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef, useState, type DragEvent } from "react";
import { assessmentKeys } from "@/components/assessments/queries";
import { JobProgress, useJob, type JobDto } from "@/components/jobs/job-progress";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { formatBytes } from "@/components/ui/format";
import { ApiError } from "@/lib/client/fetcher";
import { SnapshotList, type SnapshotDto } from "./snapshot-list";
import { describeRemoved, redactInBrowser, type Redacted, type RedactProgress } from "./browser-redaction";

interface UploadResult {
  snapshot: SnapshotDto;
  score: { score: number | null; grade: string | null };
  warnings: SnapshotDto["warnings"];
}

/**
 * fetch() cannot report upload progress; XMLHttpRequest can. The body is the browser-redacted gzip under the
 * user's own file name(s): the server recognises gzip by its content and records that name. The answer is
 * the job analysing it.
 */
function uploadWithProgress(url: string, redacted: Redacted, onProgress: (fraction: number) => void) {
  return new Promise<{ job: JobDto }>((resolve, reject) => {
    const form = new FormData();
    form.append("file", redacted.gzip, redacted.name);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onerror = () =>
      reject(new ApiError(0, "network", "The upload failed: the server could not be reached."));
    xhr.onload = () => {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(xhr.responseText) as Record<string, unknown>;
      } catch {
        // handled below
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as unknown as { job: JobDto });
      else
        reject(
          new ApiError(
            xhr.status,
            typeof body.code === "string" ? body.code : "http-error",
            typeof body.detail === "string" ? body.detail : `Upload failed (${xhr.status}).`,
          ),
        );
    };
    xhr.send(form);
  });
}

function redactionText(p: RedactProgress): string {
  if (p.stage === "reading") return `reading file ${p.done + 1} of ${p.total}`;
  if (p.stage === "redacting")
    return p.total === 1 ? "parsing and redacting" : `parsing and redacting ${p.total} files`;
  return `compressing ${p.done} of ${p.total} objects`;
}

/** Reading is quick, parsing and redacting is most of the work (and reports no steps), compressing the rest. */
function redactionPercent(p: RedactProgress): number | undefined {
  if (p.stage === "reading") return Math.round((10 * p.done) / Math.max(1, p.total));
  if (p.stage === "redacting") return undefined;
  return 70 + Math.round((30 * p.done) / Math.max(1, p.total));
}

/** What the browser removed before the upload, and what it kept that a reader might wonder about. */
function RemovedSummary({ redacted }: { redacted: Redacted }) {
  const removed = describeRemoved(redacted.redactions);
  const certificates = redacted.redactions.certificatesParsed;
  return (
    <div role="status" aria-label="Removed before upload" className="mx-auto mt-4 max-w-lg text-left text-sm">
      <p>
        {removed.length > 0
          ? `Removed before upload: ${removed.join(", ")}.`
          : "Removed before upload: nothing secret-looking was found."}
      </p>
      <p className="mt-1 text-xs text-slate-500">
        Only the redacted {redacted.objectCount} objects ({formatBytes(redacted.gzip.size)} gzipped) are sent
        {certificates > 0
          ? `, with ${certificates} public certificate${certificates === 1 ? "" : "s"} of Secrets kept so that the server can check expiry`
          : ""}
        .{redacted.warnings.length > 0 ? ` ${redacted.warnings.length} document(s) skipped.` : ""}
      </p>
    </div>
  );
}

export function SnapshotsPanel({ assessmentId }: { assessmentId: string }) {
  const qc = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [redacting, setRedacting] = useState<RedactProgress | null>(null);
  const [redacted, setRedacted] = useState<Redacted | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const unmounted = useRef<AbortController | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    unmounted.current = controller;
    return () => controller.abort();
  }, []);
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useJob(jobId);
  const [dragging, setDragging] = useState(false);
  const upload = useMutation({
    mutationFn: async (files: File[]) => {
      setJobId(null);
      setRedacted(null);
      setRedacting({ type: "progress", stage: "reading", done: 0, total: files.length });
      let result: Redacted;
      try {
        result = await redactInBrowser(files, setRedacting, unmounted.current?.signal);
      } finally {
        setRedacting(null);
      }
      setRedacted(result);
      setProgress(0);
      return uploadWithProgress(`/api/assessments/${assessmentId}/snapshots`, result, setProgress);
    },
    onSettled: () => setProgress(null),
    onSuccess: ({ job }) => setJobId(job.id),
  });
  const analysing = job.data && (job.data.status === "queued" || job.data.status === "running");
  const result = job.data?.status === "done" ? (job.data.result as UploadResult) : null;
  const failure = job.data?.status === "failed" ? job.data.error : null;
  useEffect(() => {
    if (job.data?.status === "done") void qc.invalidateQueries({ queryKey: assessmentKeys.all });
  }, [job.data?.status, qc]);
  const send = (list: FileList | null) => {
    const files = list ? Array.from(list) : [];
    if (files.length > 0) upload.mutate(files);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    send(e.dataTransfer.files);
  };

  return (
    <div className="flex flex-col gap-6">
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={`rounded-lg border-2 border-dashed p-8 text-center transition-colors ${dragging ? "border-brand-500 bg-brand-50" : "border-slate-300 bg-white"}`}
      >
        <p className="font-medium">Drop a cluster snapshot or manifests here</p>
        <p className="mt-1 text-sm text-slate-600">
          <code>kubectl get … -o json</code> output, multi-document YAML (e.g. <code>helm template</code>),
          JSON Lines, or a .zip, .tar.gz or gzip of them. Your browser redacts Secrets and other credentials
          before anything is sent, and the server redacts again before anything is stored.
        </p>
        <input
          ref={input}
          type="file"
          multiple
          accept=".json,.jsonl,.yaml,.yml,.gz,.tgz,.tar,.zip,application/json,application/yaml,application/gzip,application/zip"
          className="sr-only"
          aria-label="Snapshot file"
          onChange={(e) => {
            send(e.target.files);
            e.target.value = "";
          }}
        />
        <Button
          className="mt-4"
          onClick={() => input.current?.click()}
          disabled={upload.isPending || !!analysing}
        >
          Choose files…
        </Button>
        <p className="mt-3 text-xs text-slate-500">
          Reading a live cluster? The{" "}
          <a href="/kubeready-collect.sh" download className="text-brand-700 underline">
            collector script
          </a>{" "}
          gathers what the checks need with kubectl (read-only) and keeps only public certificates of Secrets.
        </p>
        {redacting ? (
          <div className="mx-auto mt-4 max-w-sm">
            <div
              role="progressbar"
              aria-label="Redaction progress"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={redactionPercent(redacting)}
              aria-valuetext={redactionText(redacting)}
              className="h-2 overflow-hidden rounded-full bg-slate-100"
            >
              <div
                className={`bg-brand-500 h-full ${redactionPercent(redacting) === undefined ? "animate-pulse" : ""}`}
                style={{ width: `${redactionPercent(redacting) ?? 100}%` }}
              />
            </div>
            <p className="mt-1 text-xs text-slate-500">
              Reading and redacting in your browser… {redactionText(redacting)}
            </p>
          </div>
        ) : null}
        {redacted ? <RemovedSummary redacted={redacted} /> : null}
        {progress !== null ? (
          <div className="mx-auto mt-4 max-w-sm">
            <div
              role="progressbar"
              aria-label="Upload progress"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.round(progress * 100)}
              className="h-2 overflow-hidden rounded-full bg-slate-100"
            >
              <div className="bg-brand-500 h-full" style={{ width: `${Math.round(progress * 100)}%` }} />
            </div>
            <p className="mt-1 text-xs text-slate-500">
              {progress < 1 ? `Uploading… ${Math.round(progress * 100)}%` : "Starting the analysis…"}
            </p>
          </div>
        ) : null}
        {analysing && job.data ? <JobProgress job={job.data} label="Analysis progress" /> : null}
      </div>
      {upload.error || failure ? (
        <Alert tone="error">
          <p className="font-medium">The snapshot was not accepted.</p>
          <p className="mt-1">{upload.error?.message ?? failure?.detail}</p>
        </Alert>
      ) : null}
      {result ? (
        <Alert tone="success">
          Analysed {result.snapshot.objectCount} objects from {result.snapshot.filename}
          {result.score.score !== null ? ` — readiness ${result.score.score}/100` : ""}.{" "}
          <Link href={`/assessments/${assessmentId}/report`} className="font-medium underline">
            View the report
          </Link>
          {result.warnings.length > 0 ? ` (${result.warnings.length} document(s) skipped)` : ""}
        </Alert>
      ) : null}
      <SnapshotList assessmentId={assessmentId} />
    </div>
  );
}
