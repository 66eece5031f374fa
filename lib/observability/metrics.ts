// Prometheus metrics (prom-client), served at /metrics. One registry for the process, kept on
// globalThis: Next bundles each route and page separately, and a module-level registry would give
// each bundle its own, so /metrics would only see what its own bundle counted.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

export interface Metrics {
  registry: Registry;
  httpRequests: Counter<"method" | "route" | "status">;
  httpDuration: Histogram<"method" | "route" | "status">;
  jobDuration: Histogram<"kind" | "outcome">;
  jobStageDuration: Histogram<"kind" | "stage">;
  jobs: Gauge<"kind" | "status">;
  oldestQueuedJob: Gauge;
  analyses: Gauge;
  analysisObjects: Gauge;
  snapshots: Gauge;
  databaseUp: Gauge;
  databasePool: Gauge<"state">;
}

const g = globalThis as typeof globalThis & { __kubereadyMetrics?: Metrics };

function create(): Metrics {
  const registry = new Registry();
  // Process CPU, memory, event-loop lag, GC and handles (process_* and nodejs_* series).
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    httpRequests: new Counter({
      name: "kubeready_http_requests_total",
      help: "HTTP requests answered, by method, route pattern and status",
      labelNames: ["method", "route", "status"],
      registers,
    }),
    httpDuration: new Histogram({
      name: "kubeready_http_request_duration_seconds",
      help: "Time from request to the end of the response, by method, route pattern and status",
      labelNames: ["method", "route", "status"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    jobDuration: new Histogram({
      name: "kubeready_job_duration_seconds",
      help: "Jobs run by this process, from start to done, failed or handed back, by kind",
      labelNames: ["kind", "outcome"],
      buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
      registers,
    }),
    jobStageDuration: new Histogram({
      name: "kubeready_job_stage_duration_seconds",
      help: "Time jobs run by this process spend in each stage (parsing, checks, storing, scoring…)",
      labelNames: ["kind", "stage"],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers,
    }),
    jobs: new Gauge({
      name: "kubeready_jobs",
      help: "Jobs in the queue table (all processes), by kind and status (queued, running, done, failed)",
      labelNames: ["kind", "status"],
      registers,
    }),
    oldestQueuedJob: new Gauge({
      name: "kubeready_jobs_oldest_queued_age_seconds",
      help: "Age of the oldest job still waiting for a runner (0 when none waits)",
      registers,
    }),
    analyses: new Gauge({
      name: "kubeready_analyses",
      help: "Assessments with an analysed snapshot",
      registers,
    }),
    analysisObjects: new Gauge({
      name: "kubeready_analysis_objects",
      help: "Kubernetes objects in the current analyses (each assessment's latest snapshot)",
      registers,
    }),
    snapshots: new Gauge({
      name: "kubeready_snapshots",
      help: "Stored snapshots, current and earlier",
      registers,
    }),
    databaseUp: new Gauge({
      name: "kubeready_database_up",
      help: "1 when the database answered this scrape's queries, else 0",
      registers,
    }),
    databasePool: new Gauge({
      name: "kubeready_db_pool_connections",
      help: "PostgreSQL connection pool: total, idle, and waiting clients",
      labelNames: ["state"],
      registers,
    }),
  };
}

export const metrics = (): Metrics => (g.__kubereadyMetrics ??= create());

/** Times one job: each stage it passes through, then the whole run. */
export function jobTimer(kind: string) {
  const started = performance.now();
  let stage: { name: string; at: number } | null = null;
  const closeStage = (now: number) => {
    if (stage) metrics().jobStageDuration.observe({ kind, stage: stage.name }, (now - stage.at) / 1000);
  };
  return {
    stage(name: string) {
      if (stage?.name === name) return;
      const now = performance.now();
      closeStage(now);
      stage = { name, at: now };
    },
    end(outcome: "done" | "failed" | "handed-back") {
      const now = performance.now();
      if (stage?.name !== "done") closeStage(now);
      stage = null;
      metrics().jobDuration.observe({ kind, outcome }, (now - started) / 1000);
    },
  };
}
