// `npm run db:import -- <file>`: loads a file written by `npm run db:export` into the configured
// database (DATABASE_URL; else the embedded one), which must be new and empty: create it, run this,
// then start Kubeready on it. Refuses a database that holds data or migrations the export does not
// start from, and a file written under migrations this version does not know; all or nothing.
import { parseArgs } from "node:util";
import path from "node:path";
import { openDatabase } from "@/lib/db/client";
import { describeDatabase, importDatabase, TransferError } from "@/lib/db/transfer";
import { dataDir, env } from "@/lib/env";

async function main() {
  const { positionals } = parseArgs({ allowPositionals: true, args: process.argv.slice(2) });
  if (positionals.length !== 1) {
    throw new TransferError("usage: DATABASE_URL=postgresql://… npm run db:import -- <file>");
  }
  const file = path.resolve(positionals[0]!);
  const database = env.DATABASE_URL
    ? openDatabase({ url: env.DATABASE_URL })
    : openDatabase({ dataDir: path.join(dataDir, "pglite") });
  try {
    console.log(
      `Importing ${file} into ${describeDatabase(env.DATABASE_URL, path.join(dataDir, "pglite"))}…`,
    );
    const summary = await database.withRunner((runner) => importDatabase(runner, file));
    for (const t of summary.tables) console.log(`  ${t.name.padEnd(20)} ${t.rows}`);
    console.log(
      `Imported ${summary.rows} rows of ${summary.tables.length} tables; migrations up to ${summary.migrations.at(-1)}.`,
    );
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
