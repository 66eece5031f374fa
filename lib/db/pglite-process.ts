// The embedded database in a process of its own (lib/db/pglite-server.mjs), behind the part of PGlite's
// interface that pglite-prisma-adapter and the migration runner use: query (object or array rows, the
// adapter's own result parsers), exec, transaction (query, exec, rollback) and close. PGlite's wasm then
// never runs on the event loop, so storing a large snapshot does not hold up other requests, and its
// memory is the database's, apart from the server's, as PostgreSQL's is. Messages go over the IPC
// channel with V8's serialisation, so parameters and results keep their bytes (bytea) as bytes.
//
// Hand-written rather than PGlite's socket server (@electric-sql/pglite-socket) with the pg adapter:
// that package pins an older PGlite as an exact peer dependency (and eight extensions beside it).
// PGlite's own worker mode targets browser Web Workers (leader election through navigator.locks).
import path from "node:path";
import { messages, type PGlite } from "@electric-sql/pglite";

// Taken at run time: Next's bundler would otherwise try to resolve (and bundle) the forked file itself.
const { fork } = process.getBuiltinModule("node:child_process");

type Parsers = Record<number, (value: string, typeId: number) => unknown>;
interface QueryOptions {
  rowMode?: "array" | "object";
  parsers?: Parsers;
}
interface Field {
  name: string;
  dataTypeID: number;
}
interface Results {
  rows: unknown[];
  fields: Field[];
  affectedRows?: number;
}
interface PlainError {
  name?: string;
  message: string;
  stack?: string;
  fields: Record<string, string | number | boolean>;
  database: boolean;
}
type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: PlainError };

/** The error PGlite would have thrown, rebuilt: the adapter maps DatabaseError to Prisma's codes. */
function rebuild(e: PlainError): Error {
  const err = e.database
    ? new messages.DatabaseError(e.message, 0, "error")
    : Object.assign(new Error(e.message), { name: e.name ?? "Error" });
  Object.assign(err, e.fields);
  if (e.stack) err.stack = e.stack;
  return err;
}

const rawOids = new WeakMap<Parsers, number[]>();

/** Applies the caller's parsers to the columns that came back as raw text. */
function parseColumns(result: Results, parsers: Parsers | undefined, rowMode: "array" | "object") {
  if (!parsers) return result;
  const columns = result.fields
    .map((f, i) => ({ i, name: f.name, oid: f.dataTypeID, parse: parsers[f.dataTypeID] }))
    .filter((c) => c.parse);
  if (columns.length === 0) return result;
  for (const row of result.rows as Record<string | number, unknown>[]) {
    for (const c of columns) {
      const key = rowMode === "array" ? c.i : c.name;
      const v = row[key];
      // Bytea arrives decoded (the worker turns hex into bytes); null stays null.
      if (typeof v === "string") row[key] = c.parse!(v, c.oid);
    }
  }
  return result;
}

/** A transaction's handle, as PGlite's own. */
interface Tx {
  query(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results>;
  exec(sql: string): Promise<unknown>;
  rollback(): Promise<void>;
  readonly closed: boolean;
}

export interface PGliteProcess {
  /** Typed as PGlite for pglite-prisma-adapter, which uses only what is implemented here. */
  client: PGlite;
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  /** Statements in one transaction, committed when `fn` resolves, rolled back when it throws. */
  transaction<T>(
    fn: (tx: { query(sql: string, params?: unknown[]): Promise<unknown> }) => Promise<T>,
  ): Promise<T>;
  exec(sql: string): Promise<unknown>;
  close(): Promise<void>;
  /** The database process's id (operators and tests may need to find it). */
  readonly pid: number | undefined;
  /** Resolves when the process ends without close() having been asked: killed, crashed, out of memory. */
  readonly lost: Promise<Error>;
}

/** Opens PGlite in its own process: on `dataDir`, or in memory. */
export function openPGliteProcess(dataDir?: string): PGliteProcess {
  const child = fork(
    path.join(process.cwd(), "lib/db/pglite-server.mjs"),
    ["--serve", ...(dataDir ? [dataDir] : [])],
    {
      serialization: "advanced",
      // Plain JavaScript: none of this process's loaders or flags (tsx, conditions, inspector).
      execArgv: [],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    },
  );
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let nextId = 1;
  let closed: Error | null = null;
  let closing = false;
  let markLost: (err: Error) => void = () => {};
  const lost = new Promise<Error>((resolve) => (markLost = resolve));
  // The process keeps this one alive only while an answer is awaited, as PGlite on the event loop would.
  const hold = (on: boolean) => {
    if (on) child.channel?.ref();
    else child.channel?.unref();
  };
  child.unref();
  hold(false);

  const stopAll = (err: Error) => {
    if (!closing) markLost(err);
    closed ??= err;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  child.on("message", (msg: Reply) => {
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (pending.size === 0) hold(false);
    if (msg.ok) p.resolve(msg.result);
    else p.reject(rebuild(msg.error));
  });
  child.on("error", (err) => stopAll(new Error(`PGlite is closed: its process failed (${err.message})`)));
  child.on("exit", (code, signal) =>
    stopAll(new Error(`PGlite is closed (its process exited with ${signal ?? `code ${code}`})`)),
  );

  function call<T>(msg: Record<string, unknown>): Promise<T> {
    if (closed) return Promise.reject(closed);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      if (pending.size === 0) hold(true);
      pending.set(id, { resolve, reject });
      child.send({ ...msg, id });
    });
  }

  async function query(sql: string, params?: unknown[], options?: QueryOptions, tx?: number) {
    const rowMode = options?.rowMode ?? "object";
    const parsers = options?.parsers;
    let raw: number[] | undefined;
    if (parsers) {
      raw = rawOids.get(parsers);
      if (!raw) rawOids.set(parsers, (raw = Object.keys(parsers).map(Number)));
    }
    const result = await call<Results>({ op: "query", sql, params, rowMode, raw, tx });
    return parseColumns(result, parsers, rowMode);
  }
  const exec = (sql: string, tx?: number) => call<Results[]>({ op: "exec", sql, tx });

  async function transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    const id = await call<number>({ op: "begin" });
    let open = true;
    const tx = {
      query: (sql: string, params?: unknown[], options?: QueryOptions) => query(sql, params, options, id),
      exec: (sql: string) => exec(sql, id),
      rollback: async () => {
        await call({ op: "rollback", tx: id });
        open = false;
      },
      get closed() {
        return !open;
      },
    };
    let result: T;
    try {
      result = await fn(tx);
    } catch (err) {
      await call({ op: "end", tx: id, commit: false }).catch(() => {});
      throw err;
    }
    await call({ op: "end", tx: id, commit: true });
    return result;
  }

  async function close() {
    closing = true;
    if (closed) return;
    await call({ op: "close" });
    closed = new Error("PGlite is closed");
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    if (child.connected) child.disconnect();
    await exited;
  }

  const client = { query, exec, transaction, close } as unknown as PGlite;
  return {
    client,
    query: (sql, params) => query(sql, params) as unknown as Promise<{ rows: never[] }>,
    transaction,
    exec: (sql) => exec(sql),
    close,
    pid: child.pid,
    lost,
  };
}
