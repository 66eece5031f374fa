// @ts-check
// The embedded database's own process. PGlite is PostgreSQL compiled to wasm: on the event loop, every
// query it runs (and the bytes it encodes and decodes) would hold up every request, and its wasm heap
// (about 200 MB at rest, more under load) would count against the server's memory. So it runs in a
// process of its own, forked by lib/db/pglite-process.ts, which owns the data directory as a PostgreSQL
// server would; the app sends it queries, transactions and `close` over the IPC channel and gets plain
// results back. Plain JavaScript so that it loads as it is, in the built app, in tests and in scripts,
// without a compile step.
//
// It lives exactly as long as the app that forked it: when the IPC channel closes (the app exited,
// however it exited) it closes the database and exits. Signals sent to the whole process group (Ctrl-C
// in a terminal) are left to the app, whose graceful shutdown still needs the database and closes it.
//
// A new data directory is initialised (initdb) by this same file run as a process of its own
// (`node pglite-server.mjs --init <dir>`): initdb runs a second PostgreSQL and its own wasm, and the
// ~550 MB that leaves behind would otherwise stay with the database process for as long as it runs.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite, messages } from "@electric-sql/pglite";

if (process.argv[2] === "--init") {
  try {
    const fresh = new PGlite(process.argv[3]);
    await fresh.waitReady;
    await fresh.close();
    process.exit(0);
  } catch (err) {
    process.stderr.write(err instanceof Error ? err.message : String(err));
    process.exit(1);
  }
}

const BYTEA = 17;

/** Initialises `dataDir` in a process of its own unless it holds a database already. */
async function initialised(/** @type {string} */ dataDir) {
  if (existsSync(path.join(dataDir, "PG_VERSION"))) return;
  await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), "--init", dataDir], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let reason = "";
    child.stderr.setEncoding("utf8").on("data", (/** @type {string} */ text) => (reason += text));
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0
        ? resolve(undefined)
        : reject(new Error(`initialising ${dataDir} failed: ${reason.trim() || `exit code ${code}`}`)),
    );
  });
}

if (!process.send) {
  process.stderr.write("pglite-server.mjs is forked by lib/db/pglite-process.ts (it needs an IPC channel)\n");
  process.exit(2);
}
const send = process.send.bind(process);
for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM", "SIGHUP"])) process.on(signal, () => {});

// Requests that arrive while the database opens wait here, in order.
/** @type {Request[]} */
const early = [];
/** @type {((msg: Request) => void) | null} */
let handle = null;
process.on("message", (/** @type {Request} */ msg) => (handle ? handle(msg) : early.push(msg)));

let closing = false;
/** @type {PGlite | null} */
let opened = null;
process.once("disconnect", () => {
  if (closing || !opened) process.exit(opened ? 0 : 1);
  closing = true;
  opened.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});

/** `--serve [dataDir]`: on `dataDir`, or in memory without one. */
const dataDir = process.argv[3];
/** @type {PGlite} */
let db;
try {
  if (dataDir) await initialised(dataDir);
  db = dataDir ? new PGlite(dataDir) : new PGlite();
  await db.waitReady;
  opened = db;
} catch (err) {
  // Every request is answered with the reason until the app gives up on this process.
  const reason = plainError(err);
  handle = (msg) => send({ id: msg.id, ok: false, error: reason });
  early.splice(0).forEach(handle);
  await new Promise(() => {});
  throw err;
}
// PGlite 0.5 turns bytea parameters into hex (and hex results back) one byte at a time through arrays
// of strings: a 7 MB blob took seconds and hundreds of MB of garbage. Bytes are sent as they are
// instead: a serializer that returns bytes makes PGlite bind the parameter in binary format, so there is
// no text to build or parse (ten pieces of 1 MB: 230 ms as hex, 55 ms as bytes). Results come back
// as hex text, which Buffer's codec decodes in milliseconds.
db.serializers[BYTEA] = (/** @type {Uint8Array | string} */ v) =>
  typeof v === "string" ? v : new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
db.parsers[BYTEA] = (/** @type {string} */ v) => Buffer.from(v.slice(2), "hex");

/**
 * Open transactions by id: their handle, the chain their statements run in (in order, as sent), and how
 * to end them (true commits, false rolls back).
 * @type {Map<number, { tx: import("@electric-sql/pglite").Transaction, chain: Promise<unknown>, end: (commit: boolean) => void, endId?: number }>}
 */
const transactions = new Map();

/**
 * Result parsers for the types the main thread parses itself (it sends their ids): the raw text goes
 * back, except bytea, which is decoded here (hex to bytes is the costly part of reading a stored blob).
 * @type {Map<string, Record<number, (value: string) => unknown>>}
 */
const parserSets = new Map();
/** @param {number[] | undefined} oids */
function parsersFor(oids) {
  if (!oids?.length) return undefined;
  const key = oids.join(",");
  let set = parserSets.get(key);
  if (!set) {
    set = {};
    for (const oid of oids) set[oid] = oid === BYTEA ? (v) => Buffer.from(v.slice(2), "hex") : (v) => v;
    parserSets.set(key, set);
  }
  return set;
}

/** An error as plain data: PostgreSQL's fields travel so the other side can rebuild a DatabaseError. */
function plainError(/** @type {unknown} */ err) {
  if (!(err instanceof Error)) return { message: String(err), fields: {}, database: false };
  /** @type {Record<string, string | number | boolean>} */
  const fields = {};
  for (const [k, v] of Object.entries(err)) {
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") fields[k] = v;
  }
  return {
    name: err.name,
    message: err.message,
    stack: err.stack,
    fields,
    database: err instanceof messages.DatabaseError,
  };
}

const reply = (/** @type {number} */ id, /** @type {unknown} */ result) => send({ id, ok: true, result });
const fail = (/** @type {number} */ id, /** @type {unknown} */ err) =>
  send({ id, ok: false, error: plainError(err) });

/**
 * @param {{ rows: unknown[], fields: unknown[], affectedRows?: number }} r
 */
const plainResult = (r) => ({ rows: r.rows, fields: r.fields, affectedRows: r.affectedRows });

/**
 * @typedef {{ id: number, op: "query", sql: string, params?: unknown[], rowMode?: "array" | "object", raw?: number[], tx?: number }
 *   | { id: number, op: "exec", sql: string, tx?: number }
 *   | { id: number, op: "begin" }
 *   | { id: number, op: "rollback", tx: number }
 *   | { id: number, op: "end", tx: number, commit: boolean }
 *   | { id: number, op: "close" }} Request
 */

/** @param {Request} msg */
async function run(msg) {
  switch (msg.op) {
    case "query": {
      const opts = { rowMode: msg.rowMode, parsers: parsersFor(msg.raw) };
      const target = msg.tx === undefined ? db : transactionOf(msg.tx).tx;
      return plainResult(await target.query(msg.sql, msg.params, opts));
    }
    case "exec": {
      const target = msg.tx === undefined ? db : transactionOf(msg.tx).tx;
      return (await target.exec(msg.sql)).map(plainResult);
    }
    case "rollback":
      await transactionOf(msg.tx).tx.rollback();
      return null;
    case "close":
      closing = true;
      await db.close();
      return null;
    default:
      throw new Error(`unknown operation ${JSON.stringify(msg)}`);
  }
}

/** @param {number} id */
function transactionOf(id) {
  const t = transactions.get(id);
  if (!t) throw new Error("Transaction is closed");
  return t;
}

/** A transaction stays open until `end`; its id is the `begin` message's. @param {number} id */
function begin(id) {
  /** @type {(commit: boolean) => void} */
  let end = () => {};
  const ended = new Promise((resolve) => (end = resolve));
  const rollback = new Error("rolled back by the caller");
  db.transaction(async (tx) => {
    transactions.set(id, { tx, chain: Promise.resolve(), end });
    reply(id, id);
    if (!(await ended)) throw rollback;
  }).then(
    () => settle(id, null),
    (err) => settle(id, err === rollback ? null : err),
  );
}

/** Answers the `end` of transaction `id` once PGlite has committed or rolled it back. */
function settle(/** @type {number} */ id, /** @type {unknown} */ err) {
  const t = transactions.get(id);
  transactions.delete(id);
  if (t?.endId === undefined) {
    // BEGIN itself failed: the `begin` message gets the error.
    if (!t && err) fail(id, err);
    return;
  }
  if (err) fail(t.endId, err);
  else reply(t.endId, null);
}

handle = (msg) => {
  if (msg.op === "begin") return begin(msg.id);
  const txId = "tx" in msg ? msg.tx : undefined;
  const t = txId === undefined ? undefined : transactions.get(txId);
  if (msg.op === "end") {
    if (!t) return fail(msg.id, new Error("Transaction is closed"));
    t.endId = msg.id;
    void t.chain.then(() => t.end(msg.commit));
    return;
  }
  const work = () =>
    run(msg).then(
      (r) => reply(msg.id, r),
      (e) => fail(msg.id, e),
    );
  // Statements of one transaction run in the order they were sent.
  if (t) t.chain = t.chain.then(work);
  else void work();
};
early.splice(0).forEach(handle);
