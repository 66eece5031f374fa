// Prisma CLI configuration. Only `prisma generate` runs here: the native schema engine cannot be
// downloaded on our machines, and generate merely needs the binary path to exist.
import { defineConfig } from "prisma/config";

process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= "/bin/false";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
