// Runs once when the server starts: apply pending migrations (and the ADMIN_EMAIL bootstrap) before
// the first request, so a broken database fails the start instead of the first user.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { db } = await import("@/lib/server/db");
    await db();
  }
}
