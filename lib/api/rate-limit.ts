// Fixed-window, in-process limiter: enough for a single self-hosted instance (login brute force,
// upload floods). Behind several replicas each one limits on its own.
import { AppError } from "@/lib/domain/errors";

const windows = new Map<string, { start: number; count: number }>();

export function rateLimit(key: string, perMinute: number, now = Date.now()): void {
  const w = windows.get(key);
  if (!w || now - w.start >= 60_000) {
    if (windows.size > 10_000) windows.clear();
    windows.set(key, { start: now, count: 1 });
    return;
  }
  w.count += 1;
  if (w.count > perMinute) {
    const retry = Math.ceil((w.start + 60_000 - now) / 1000);
    throw new AppError("rate-limited", `Too many requests; try again in ${retry} s.`, { retryAfter: retry });
  }
}
