// Moving an install's data to another database (`npm run db:export` / `npm run db:import`): typically
// from the embedded database to PostgreSQL. The file is gzipped NDJSON: a header line (format, the
// migrations the data was written under, each table with its row count, parents before children),
// then one line per row, then an end line, so a truncated file is refused instead of half-imported.
//
// Rows travel as PostgreSQL's own JSON of the row (`row_to_json`) and come back through
// `json_populate_recordset`, so every column type (uuid, enums, jsonb, bytea, timestamps) round-trips
// through PostgreSQL's own text forms, and a table added by a later migration is carried without code
// changes here. pg_dump cannot read the embedded database (PGlite has no server to connect to), which
// is why this exists; between two PostgreSQL servers pg_dump/pg_restore are the tools (README).
import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { createInterface } from "node:readline";
import { finished } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import { z } from "zod";
import { applyMigrations, readMigrations, type Migration, type SqlRunner } from "./migrate";

export const EXPORT_FORMAT = "kubeready-export";
export const EXPORT_VERSION = 1;

const HISTORY = "_prisma_migrations";

const ZHeader = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  createdAt: z.string(),
  source: z.string(),
  migrations: z.array(z.object({ name: z.string(), checksum: z.string() })),
  tables: z.array(z.object({ name: z.string().min(1), rows: z.number().int().min(0) })),
});
export type ExportHeader = z.infer<typeof ZHeader>;

/**
 * A row line as exportDatabase writes it. Matched, not parsed: the row's JSON goes to PostgreSQL as it
 * was read (which also checks it), so large values are not decoded and re-encoded, and numbers beyond
 * JavaScript's precision stay exact.
 */
const ROW_LINE = /^\{"t":("(?:[^"\\]|\\.)*"),"r":(\{.*\})\}$/s;
const ZEndLine = z.object({ end: z.literal(true), rows: z.number().int().min(0) });

/** Rows per INSERT, and at most this many characters of row JSON in one. */
const BATCH_ROWS = 500;
const BATCH_CHARS = 8_000_000;

/** A refusal or a broken file: the message says what to do, without a stack trace. */
export class TransferError extends Error {}

/** Where the data is, for messages: a PostgreSQL URL without its password, or the embedded directory. */
export function describeDatabase(url: string | undefined, embeddedDir: string): string {
  if (!url) return `the embedded database in ${embeddedDir}`;
  const u = new URL(url);
  u.password = "";
  u.search = "";
  return `PostgreSQL at ${u.toString()}`;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function appliedMigrations(db: SqlRunner): Promise<{ name: string; checksum: string }[] | null> {
  const [exists] = await db.query<{ t: string | null }>(`SELECT to_regclass($1)::text AS t`, [
    quote(HISTORY),
  ]);
  if (!exists?.t) return null;
  return db.query<{ name: string; checksum: string }>(
    `SELECT migration_name AS name, checksum FROM ${quote(HISTORY)}
     WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
  );
}

async function countRows(db: SqlRunner, table: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${quote(table)}`);
  return row?.n ?? 0;
}

/** The schema's tables, every table after the tables its foreign keys point to. */
export async function tablesInDependencyOrder(db: SqlRunner): Promise<string[]> {
  const tables = (
    await db.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename <> $1`,
      [HISTORY],
    )
  )
    .map((t) => t.name)
    .sort();
  const edges = await db.query<{ child: string; parent: string }>(
    `SELECT c.relname AS child, p.relname AS parent
     FROM pg_constraint k
     JOIN pg_class c ON c.oid = k.conrelid
     JOIN pg_class p ON p.oid = k.confrelid
     WHERE k.contype = 'f' AND k.connamespace = current_schema()::regnamespace`,
  );
  const parents = new Map(tables.map((t) => [t, new Set<string>()]));
  // A table referring to itself would need its rows in order, not an order of tables; none does today.
  for (const e of edges) if (e.child !== e.parent) parents.get(e.child)?.add(e.parent);
  const order: string[] = [];
  const placed = new Set<string>();
  while (order.length < tables.length) {
    const next = tables.filter((t) => !placed.has(t) && [...parents.get(t)!].every((p) => placed.has(p)));
    if (next.length === 0) {
      const rest = tables.filter((t) => !placed.has(t));
      throw new TransferError(`Foreign keys form a cycle between ${rest.join(", ")}: no table can go first.`);
    }
    for (const t of next) {
      placed.add(t);
      order.push(t);
    }
  }
  return order;
}

async function primaryKeyOrder(db: SqlRunner, table: string): Promise<string> {
  const columns = await db.query<{ name: string }>(
    `SELECT a.attname AS name
     FROM pg_index i
     JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
     WHERE i.indrelid = $1::regclass AND i.indisprimary
     ORDER BY array_position(i.indkey, a.attnum)`,
    [quote(table)],
  );
  // Every table has a primary key today; ctid is stable within the export's one snapshot anyway.
  return columns.length > 0 ? columns.map((c) => quote(c.name)).join(", ") : "ctid";
}

/** Rows per query: about 8 MB of row data at a time, so big snapshot rows never pile up in memory. */
async function pageSize(db: SqlRunner, table: string): Promise<number> {
  const [avg] = await db.query<{ bytes: number | string | null }>(
    `SELECT avg(pg_column_size(t.*))::float8 AS bytes FROM ${quote(table)} t`,
  );
  const bytes = Number(avg?.bytes ?? 0);
  return bytes > 0 ? Math.max(1, Math.min(1000, Math.floor(8_000_000 / bytes))) : 1000;
}

export interface TransferSummary {
  tables: { name: string; rows: number }[];
  rows: number;
  migrations: string[];
}

/**
 * Writes every table of the database behind `db` to `file` (which must not exist), from one consistent
 * snapshot of the data (a repeatable-read transaction), so the app may keep running on PostgreSQL.
 */
export async function exportDatabase(db: SqlRunner, file: string, source: string): Promise<TransferSummary> {
  const out = createWriteStream(file, { flags: "wx" });
  const opened = once(out, "open");
  const gzip = createGzip();
  gzip.pipe(out);
  const write = async (text: string) => {
    if (!gzip.write(text)) await once(gzip, "drain");
  };
  try {
    await opened;
  } catch (err) {
    gzip.destroy();
    throw err;
  }
  await db.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  try {
    const migrations = await appliedMigrations(db);
    if (!migrations || migrations.length === 0) {
      throw new TransferError("This database has no Kubeready tables (no migration was ever applied).");
    }
    const tables = [];
    for (const name of await tablesInDependencyOrder(db))
      tables.push({ name, rows: await countRows(db, name) });
    const header: ExportHeader = {
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      createdAt: new Date().toISOString(),
      source,
      migrations,
      tables,
    };
    await write(JSON.stringify(header) + "\n");
    let total = 0;
    for (const { name, rows } of tables) {
      if (rows === 0) continue;
      const order = await primaryKeyOrder(db, name);
      const size = await pageSize(db, name);
      for (let offset = 0; offset < rows; offset += size) {
        const page = await db.query<{ j: string }>(
          `SELECT row_to_json(t)::text AS j FROM ${quote(name)} t ORDER BY ${order} LIMIT $1 OFFSET $2`,
          [size, offset],
        );
        // The row's JSON goes out as PostgreSQL wrote it: no parse and re-stringify of large values.
        for (const { j } of page) await write(`{"t":${JSON.stringify(name)},"r":${j}}\n`);
        total += page.length;
      }
    }
    await write(JSON.stringify({ end: true, rows: total }) + "\n");
    await db.exec("COMMIT");
    gzip.end();
    await finished(out);
    return { tables, rows: total, migrations: migrations.map((m) => m.name) };
  } catch (err) {
    await db.exec("ROLLBACK").catch(() => {});
    gzip.destroy();
    out.destroy();
    throw err;
  }
}

function checkMigrations(header: ExportHeader, known: Migration[]): void {
  for (const [i, m] of header.migrations.entries()) {
    const ours = known[i];
    if (!ours || ours.name !== m.name) {
      throw new TransferError(
        `The export was written under migration ${m.name}, which this version of Kubeready ` +
          `${known.some((k) => k.name === m.name) ? "applies in another order" : "does not have"}: ` +
          "import it with the version that exported it (or a newer one).",
      );
    }
    if (ours.checksum !== m.checksum) {
      throw new TransferError(
        `Migration ${m.name} differs between the export and this version of Kubeready (checksum): ` +
          "import it with the version that exported it.",
      );
    }
  }
}

/**
 * Refuses a target that holds migrations the export does not start from, or anything a person made.
 * Everything people make hangs off an account (owner, author, uploader, actor), so a database without
 * accounts holds at most what migrations and a first start seed (the default team and checklist),
 * which the export's own rows replace.
 */
async function checkTarget(db: SqlRunner, header: ExportHeader): Promise<void> {
  const [users] = await db.query<{ t: string | null }>(`SELECT to_regclass('"User"')::text AS t`);
  const accounts = users?.t ? await countRows(db, "User") : 0;
  if (accounts > 0) {
    throw new TransferError(
      `The target database is not empty: it has ${accounts} account(s). Import into a new, empty database ` +
        "(createdb), then start Kubeready on it.",
    );
  }
  const exported = new Set(header.migrations.map((m) => m.name));
  const beyond = ((await appliedMigrations(db)) ?? []).find((m) => !exported.has(m.name));
  if (beyond) {
    throw new TransferError(
      `The target database already has migration ${beyond.name}, which the export does not: ` +
        "import into a new, empty database.",
    );
  }
}

async function* lines(file: string): AsyncGenerator<{ line: string; number: number }> {
  const input = createReadStream(file).pipe(createGunzip());
  let number = 0;
  try {
    for await (const line of createInterface({ input, crlfDelay: Infinity })) {
      number += 1;
      if (line !== "") yield { line, number };
    }
  } catch (err) {
    if (err instanceof TransferError) throw err;
    throw new TransferError(
      `${file} cannot be read as a gzip file (${(err as Error).message}); was it written by npm run db:export?`,
    );
  }
}

function parseLine(line: string, number: number): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw new TransferError(`Line ${number} of the export is not JSON: the file is damaged.`);
  }
}

/**
 * Loads an export into the database behind `db`, which must be empty: applies the migrations the
 * data was written under, inserts every row in one transaction (all or nothing), checks the counts,
 * then applies this version's newer migrations, as a start-up would.
 */
export async function importDatabase(db: SqlRunner, file: string): Promise<TransferSummary> {
  const reader = lines(file);
  try {
    const first = await reader.next();
    if (first.done) throw new TransferError(`${file} is empty.`);
    const parsedHeader = ZHeader.safeParse(parseLine(first.value.line, first.value.number));
    if (!parsedHeader.success) {
      throw new TransferError(`${file} does not start with a Kubeready export header (npm run db:export).`);
    }
    const header = parsedHeader.data;
    const known = await readMigrations();
    checkMigrations(header, known);
    await checkTarget(db, header);
    await applyMigrations(db, known.slice(0, header.migrations.length));
    const total = await insertRows(db, header, reader);
    const upgraded = await applyMigrations(db, known);
    return {
      tables: header.tables,
      rows: total,
      migrations: [...header.migrations.map((m) => m.name), ...upgraded],
    };
  } finally {
    await reader.return(undefined);
  }
}

async function insertRows(
  db: SqlRunner,
  header: ExportHeader,
  reader: AsyncGenerator<{ line: string; number: number }>,
): Promise<number> {
  const order = header.tables.map((t) => t.name);
  const counts = new Map<string, number>();
  let current: string | undefined;
  let batch: string[] = [];
  let batchChars = 0;
  const flush = async () => {
    if (!current || batch.length === 0) return;
    const table = quote(current);
    try {
      await db.query(`INSERT INTO ${table} SELECT * FROM json_populate_recordset(NULL::${table}, $1::json)`, [
        `[${batch.join(",")}]`,
      ]);
    } catch (err) {
      throw new TransferError(`Rows of ${current} could not be inserted: ${(err as Error).message}`);
    }
    batch = [];
    batchChars = 0;
  };
  let total = 0;
  let ended = false;
  await db.exec("BEGIN");
  try {
    // Seeded rows (checkTarget) go: the export carries the source's own default team and checklist.
    for (const name of [...order].reverse()) await db.exec(`DELETE FROM ${quote(name)}`);
    for await (const { line, number } of reader) {
      if (ended)
        throw new TransferError(`Line ${number} follows the end of the export: the file is damaged.`);
      const match = ROW_LINE.exec(line);
      if (!match) {
        const end = ZEndLine.safeParse(parseLine(line, number));
        if (!end.success) {
          throw new TransferError(`Line ${number} is neither a row nor the end line: the file is damaged.`);
        }
        await flush();
        if (end.data.rows !== total) {
          throw new TransferError(`The export ends after ${total} rows but says it holds ${end.data.rows}.`);
        }
        ended = true;
        continue;
      }
      const table = parseLine(match[1]!, number) as string;
      if (!order.includes(table)) {
        throw new TransferError(`Line ${number} is a row of ${table}, which the header does not list.`);
      }
      if (table !== current) {
        await flush();
        if (current !== undefined && order.indexOf(table) < order.indexOf(current)) {
          throw new TransferError(
            `Line ${number}: rows of ${table} after those of ${current}: the file is damaged.`,
          );
        }
        current = table;
      }
      const json = match[2]!;
      batch.push(json);
      batchChars += json.length;
      counts.set(table, (counts.get(table) ?? 0) + 1);
      total += 1;
      if (batch.length >= BATCH_ROWS || batchChars >= BATCH_CHARS) await flush();
    }
    if (!ended) throw new TransferError("The export stops before its end line: the file was cut short.");
    for (const { name, rows } of header.tables) {
      if ((counts.get(name) ?? 0) !== rows) {
        throw new TransferError(
          `${name}: the header says ${rows} rows, the file holds ${counts.get(name) ?? 0}.`,
        );
      }
    }
    await db.exec("COMMIT");
    return total;
  } catch (err) {
    await db.exec("ROLLBACK").catch(() => {});
    throw err;
  }
}
