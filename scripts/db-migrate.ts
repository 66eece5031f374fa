// `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded database.
import path from "node:path";
import { migrateDatabase, openDatabase } from "@/lib/db/client";
import { dataDir, env } from "@/lib/env";

async function main() {
  const database = env.DATABASE_URL
    ? openDatabase({ url: env.DATABASE_URL })
    : openDatabase({ dataDir: path.join(dataDir, "pglite") });
  try {
    const applied = await migrateDatabase(database, (line) => console.log(line));
    console.log(applied.length === 0 ? "Database is up to date." : `Applied ${applied.length} migration(s).`);
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
