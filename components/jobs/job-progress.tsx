"use client";

import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/client/fetcher";

export interface JobDto {
  id: string;
  kind: "upload" | "reanalyse" | "refresh-scores";
  status: "queued" | "running" | "done" | "failed";
  stage: string;
  done: number;
  total: number;
  result: unknown;
  error: { code: string; detail: string } | null;
}

export const jobKeys = { detail: (id: string) => ["jobs", id] as const };

const finished = (job: JobDto | undefined) => job?.status === "done" || job?.status === "failed";

/** Polls a job until it is done or failed. */
export function useJob(id: string | null) {
  return useQuery({
    queryKey: jobKeys.detail(id ?? "none"),
    queryFn: () => api<{ job: JobDto }>(`/api/jobs/${id}`).then((r) => r.job),
    enabled: id !== null,
    refetchInterval: (q) => (finished(q.state.data) ? false : 400),
  });
}

const LABELS: Record<string, string> = {
  queued: "Waiting for a worker",
  receiving: "Receiving the upload",
  starting: "Starting",
  parsing: "Parsing and redacting",
  checks: "Running checks",
  compressing: "Compressing the redacted objects",
  storing: "Storing",
  scoring: "Scoring",
  reading: "Reading the stored objects",
  "re-analysing": "Re-analysing assessments",
  done: "Done",
};

// An upload's stages take roughly these shares of its time (measured on the 120 MB bench file).
const UPLOAD_SPANS: Record<string, [number, number]> = {
  parsing: [0, 0.35],
  checks: [0.35, 0.85],
  compressing: [0.85, 0.92],
  storing: [0.92, 0.96],
  scoring: [0.96, 1],
  done: [1, 1],
};

/** The share of the whole job that is done, from its stage and the count within it. */
export function jobFraction(job: Pick<JobDto, "kind" | "stage" | "done" | "total" | "status">): number {
  if (job.status === "done") return 1;
  const within = job.total > 0 ? Math.min(1, job.done / job.total) : 0;
  const span = job.kind === "upload" ? UPLOAD_SPANS[job.stage] : undefined;
  if (!span) return job.kind === "upload" ? 0 : within;
  return span[0] + (span[1] - span[0]) * within;
}

export function stageText(job: Pick<JobDto, "stage" | "done" | "total">): string {
  const label = LABELS[job.stage] ?? job.stage;
  const counted = job.stage === "checks" || job.stage === "re-analysing";
  return counted && job.total > 0 ? `${label}: ${job.done} of ${job.total}` : label;
}

/** A labelled progress bar with the stage name and percentage, announced politely to screen readers. */
export function JobProgress({ job, label }: { job: JobDto; label: string }) {
  const percent = Math.round(jobFraction(job) * 100);
  return (
    <div className="mx-auto mt-4 max-w-sm" data-testid="job-progress">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${stageText(job)} (${percent}%)`}
        className="h-2 overflow-hidden rounded-full bg-slate-100"
      >
        <div className="bg-brand-500 h-full transition-[width]" style={{ width: `${percent}%` }} />
      </div>
      <p className="mt-1 text-xs text-slate-600" aria-live="polite">
        {stageText(job)} · {percent}%
      </p>
    </div>
  );
}
