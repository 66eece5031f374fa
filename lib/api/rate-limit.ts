// Per-route request limits (uploads, imports, public endpoints): a fixed one-minute window counted in
// the database, so every instance of the app shares it. Sign-in has its own policy
// (lib/server/login-throttle.ts).
import { rateLimited, retryAfterSeconds } from "@/lib/domain/login-throttle";
import { hit } from "@/lib/server/rate-limits";

export async function rateLimit(key: string, perMinute: number, now = new Date()): Promise<void> {
  const window = await hit(`route:${key}`, 60_000, now);
  if (window.count > perMinute) throw rateLimited(retryAfterSeconds(window.resetAt, now));
}
