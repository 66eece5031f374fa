// Who is asking. Every data operation in lib/server takes one of these and decides for itself.

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: "admin" | "member";
}

export type Principal =
  /** A signed-in person (browser session) or a personal API token acting for them. */
  | {
      kind: "user";
      user: SessionUser;
      via: "session" | "token";
      /** Read-only API tokens may read what their owner can read, and change nothing. */
      scope: "read" | "write";
      sessionToken?: string;
    }
  /** The bearer of a live share link: reads that one assessment's report, nothing else. */
  | { kind: "share"; assessmentId: string }
  /** The application itself (start-up, background re-scoring); never derived from a request. */
  | { kind: "system"; reason: string };

export type UserPrincipal = Extract<Principal, { kind: "user" }>;
export type SharePrincipal = Extract<Principal, { kind: "share" }>;

export const asUser = (user: SessionUser, via: "session" | "token" = "session"): UserPrincipal => ({
  kind: "user",
  user,
  via,
  scope: "write",
});

export const systemPrincipal = (reason: string): Principal => ({ kind: "system", reason });

export const isAdmin = (p: Principal): boolean => p.kind === "user" && p.user.role === "admin";

/** The id recorded as the actor of a change; the system records none. */
export const actorIdOf = (p: Principal): string | null => (p.kind === "user" ? p.user.id : null);
