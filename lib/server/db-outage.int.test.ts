// The app and its database going away and coming back, on real PostgreSQL reached through a TCP
// relay this test opens and closes: started while the database is down, the app answers 503
// "starting" and becomes ready by itself once it is there; a later outage (the relay cut, or the
// server terminating our connections) answers 503 "database-unavailable" with Retry-After and a
// request id, never 500, and the app recovers without a restart.
import { randomBytes } from "node:crypto";
import { createServer, connect, type Server, type Socket } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as ready } from "@/app/api/ready/route";
import { GET as me } from "@/app/api/me/route";
import { openDatabase } from "@/lib/db/client";
import { asUser } from "@/lib/domain/principal";
import { ADMIN_URL, availableKinds } from "@/lib/testing/databases";
import { TEST_ADMIN } from "@/lib/testing/app-database";
import { closeDatabase, databaseReady, startDatabaseWith } from "./db";
import { createApiToken, createFirstAdmin } from "./users";

const hasPostgres = (await availableKinds()).includes("postgresql");

/** A TCP relay to PostgreSQL that the test switches off (refusing, every connection cut) and on. */
class Relay {
  private server: Server | null = null;
  private sockets = new Set<Socket>();
  constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}
  async up() {
    const server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.once("close", () => this.sockets.delete(s));
        s.on("error", () => {});
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(this.port, "127.0.0.1", resolve));
    this.server = server;
  }
  async down() {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise((r) => server.close(r));
  }
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as { port: number };
  await new Promise((r) => s.close(r));
  return port;
}

const until = async <T>(what: string, probe: () => Promise<T | false>, ms = 30_000): Promise<T> => {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

interface ProblemBody {
  code: string;
  status: number;
  requestId: string;
  detail: string;
}

async function expectUnavailable(res: Response, code: "starting" | "database-unavailable") {
  expect(res.status).toBe(503);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  const body = (await res.json()) as ProblemBody;
  expect(body).toMatchObject({ code, status: 503 });
  expect(body.requestId).toMatch(/^[\w.:-]+$/);
  return body;
}

describe.runIf(hasPostgres)("the database going away and coming back (postgresql)", () => {
  const name = `kubeready_outage_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const admin = () => new pg.Client({ connectionString: ADMIN_URL });
  let relay: Relay;
  let url: string;
  let token: string;
  const meWithToken = (requestId?: string) =>
    me(
      new Request("http://localhost/api/me", {
        headers: { authorization: `Bearer ${token}`, ...(requestId ? { "x-request-id": requestId } : {}) },
      }),
      { params: Promise.resolve({}) },
    );

  beforeAll(async () => {
    const c = admin();
    await c.connect();
    await c.query(`CREATE DATABASE "${name}"`);
    await c.end();
    const target = new URL(ADMIN_URL);
    relay = new Relay(await freePort(), { host: target.hostname, port: Number(target.port || 5432) });
    target.port = String(relay.port);
    target.pathname = `/${name}`;
    url = target.toString();
  });

  afterAll(async () => {
    await closeDatabase().catch(() => {});
    await relay?.down();
    const c = admin();
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.end();
  });

  it("started while the database is down, answers 503 starting, then migrates and is ready once it is up", async () => {
    startDatabaseWith(() => openDatabase({ url }));
    const starting = await expectUnavailable(await ready(), "starting");
    expect(starting.detail).toMatch(/starting/i);
    // Still down after several attempts: nothing was cached, it keeps saying "starting".
    await new Promise((r) => setTimeout(r, 1500));
    await expectUnavailable(await ready(), "starting");

    await relay.up();
    await databaseReady();
    const res = await ready();
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ready", database: "postgresql" });

    const adminUser = await createFirstAdmin(TEST_ADMIN);
    token = (await createApiToken(asUser(adminUser), { name: "outage", scope: "read", expiresAt: null }))
      .token;
    expect((await meWithToken()).status).toBe(200);
  });

  it("answers 503 database-unavailable with Retry-After and the request id during an outage, and recovers", async () => {
    await relay.down();
    const readyBody = await expectUnavailable(await ready(), "database-unavailable");
    expect(readyBody.detail).not.toMatch(/127\.0\.0\.1|postgres(ql)?:\/\//);

    const res = await meWithToken("proxy-id-1234");
    expect(res.headers.get("x-request-id")).toBe("proxy-id-1234");
    const body = await expectUnavailable(res, "database-unavailable");
    expect(body.requestId).toBe("proxy-id-1234");
    // An id that could break a log line is replaced by one of ours.
    const forged = await meWithToken('evil" id="forged');
    expect(forged.headers.get("x-request-id")).not.toContain("evil");
    await expectUnavailable(forged, "database-unavailable");

    await relay.up();
    await until("/api/ready to answer 200", async () => (await ready()).status === 200 || false);
    expect((await meWithToken()).status).toBe(200);
  });

  it("never answers 500 when the server terminates the app's connections, and carries on", async () => {
    const c = admin();
    await c.connect();
    await c.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
      [name],
    );
    await c.end();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await meWithToken()).status, (await ready()).status);
    expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);
    await until("/api/me to answer 200", async () => (await meWithToken()).status === 200 || false);
  });
});
