// `npm run db:export -- [file]`: writes every table of the configured database (DATABASE_URL, else the
// embedded one in KUBEREADY_DATA_DIR) to one gzipped file that `npm run db:import` loads into another
// database. Stop Kubeready first when it runs on the embedded database: only one process may open it.
import { parseArgs } from "node:util";
import path from "node:path";
import { openDatabase } from "@/lib/db/client";
import { describeDatabase, exportDatabase, TransferError } from "@/lib/db/transfer";
import { dataDir, env } from "@/lib/env";

async function main() {
  const { positionals } = parseArgs({ allowPositionals: true, args: process.argv.slice(2) });
  if (positionals.length > 1) throw new TransferError("usage: npm run db:export -- [file]");
  const file = path.resolve(
    positionals[0] ??
      `kubeready-export-${new Date().toISOString().slice(0, 19).replaceAll(":", "")}.ndjson.gz`,
  );
  const database = env.DATABASE_URL
    ? openDatabase({ url: env.DATABASE_URL })
    : openDatabase({ dataDir: path.join(dataDir, "pglite") });
  try {
    console.log(`Exporting ${describeDatabase(env.DATABASE_URL, path.join(dataDir, "pglite"))}…`);
    const summary = await database.withRunner((runner) => exportDatabase(runner, file, database.kind));
    for (const t of summary.tables) console.log(`  ${t.name.padEnd(20)} ${t.rows}`);
    console.log(
      `Wrote ${summary.rows} rows of ${summary.tables.length} tables (migrations up to ${summary.migrations.at(-1)}) to ${file}`,
    );
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  const code = (err as NodeJS.ErrnoException).code;
  console.error(
    code === "EEXIST"
      ? "The export file already exists; name another one or remove it."
      : err instanceof Error
        ? err.message
        : String(err),
  );
  process.exit(1);
});
