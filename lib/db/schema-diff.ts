// Dev tooling: diffs prisma/migrations against prisma/schema.prisma with Prisma's own schema engine
// compiled to wasm (the native engine cannot be downloaded here). The shadow database is an in-memory
// PGlite. Used to author migrations and, in the test suite, to fail on drift.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { migrationsDir, readMigrations } from "./migrate";

const schemaPath = path.resolve(process.cwd(), "prisma/schema.prisma");
const EMPTY = "-- This is an empty migration.";

interface Engine {
  diff(params: unknown): Promise<{ exitCode: number; stdout: string | null }>;
  free(): void;
}
interface EngineModule {
  __wbg_set_wasm(wasm: WebAssembly.Exports): void;
  SchemaEngine: { new: (options: unknown, log: (s: string) => void, adapter: object) => Promise<Engine> };
}

async function loadEngine(adapter: object): Promise<Engine> {
  const bg = (await import("@prisma/schema-engine-wasm/schema_engine_bg")) as unknown as EngineModule;
  const require = createRequire(import.meta.url);
  const wasmPath = path.join(
    path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")),
    "schema_engine_bg.wasm",
  );
  const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), {
    "./schema_engine_bg.js": bg as unknown as WebAssembly.ModuleImports,
  });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return bg.SchemaEngine.new({ datamodels: undefined }, () => {}, adapter);
}

/** SQL of the migration that would bring the migrations up to schema.prisma, or null when they agree. */
export async function diffMigrationsToSchema(): Promise<string | null> {
  const schema = await readFile(schemaPath, "utf8");
  const migrations = await readMigrations();
  let lock: string | null = null;
  try {
    lock = await readFile(path.join(migrationsDir, "migration_lock.toml"), "utf8");
  } catch {
    lock = 'provider = "postgresql"\n';
  }
  const shadow = new PGlite();
  const factory = new PrismaPGlite(shadow);
  // pglite-prisma-adapter 0.7.2: executeScript does not await, and connectToShadowDb opens a PGlite
  // of its own; both are replaced so the engine works on `shadow` and waits for each script.
  const connectShadow = async () => {
    const conn = await factory.connect();
    conn.executeScript = async (script: string) => {
      await shadow.exec(script);
    };
    return conn;
  };
  const adapter = bindMigrationAwareSqlAdapterFactory({
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: connectShadow,
    connectToShadowDb: connectShadow,
  });
  const engine = await loadEngine(adapter);
  try {
    const result = await engine.diff({
      from: {
        tag: "migrations",
        baseDir: migrationsDir,
        lockfile: { path: "migration_lock.toml", content: lock },
        shadowDbInitScript: "",
        migrationDirectories: migrations.map((m) => ({
          path: m.name,
          migrationFile: { path: "migration.sql", content: { tag: "ok", value: m.sql } },
        })),
      },
      to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: schema }] },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    const sql = (result.stdout ?? "").trim();
    return sql === "" || sql === EMPTY ? null : `${sql}\n`;
  } finally {
    engine.free();
    await shadow.close();
  }
}
