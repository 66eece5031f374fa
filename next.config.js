// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite resolves its wasm/data files relative to its own module URL; bundling breaks that.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@node-rs/argon2",
    "piscina",
    "tsx",
  ],
  // The container build (scripts/build-standalone.mjs) asks for the self-contained server. Not always:
  // `npm start` and `next start` serve .next itself, and Next warns when a standalone build is run so.
  ...(process.env.KUBEREADY_STANDALONE === "1" ? { output: "standalone" } : {}),
  poweredByHeader: false,
  typedRoutes: false,
  // forbidden() answers 403 from pages (members on admin pages) instead of a 200 with a message.
  experimental: { authInterrupts: true, preloadEntriesOnStart: false },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
