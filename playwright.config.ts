import { defineConfig, devices } from "@playwright/test";
import { tmpdir } from "node:os";
import path from "node:path";

const port = Number(process.env.E2E_PORT ?? 3200);
// The test OpenID Connect provider (e2e/oidc-provider.mts); its client and accounts are defined there.
const oidcPort = Number(process.env.E2E_OIDC_PORT ?? 3210);
const oidcIssuer = `http://127.0.0.1:${oidcPort}`;
// A fresh embedded database per run, so the first-run setup page really is the first run.
const dataDir = path.join(tmpdir(), `kubeready-e2e-${process.pid}-${Date.now()}`);

export default defineConfig({
  testDir: "e2e",
  // Specs share one server and database and run in file order: 01 performs the first-run setup.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
          ],
        },
      },
    },
  ],
  webServer: [
    // The identity provider for single sign-on (e2e/05-oidc.spec.ts), listening before the app.
    {
      command: "node --import tsx e2e/oidc-provider.mts",
      url: `${oidcIssuer}/.well-known/openid-configuration`,
      timeout: 30_000,
      reuseExistingServer: false,
      stdout: "pipe",
      env: { OIDC_PROVIDER_PORT: String(oidcPort), OIDC_TEST_APP_URL: `http://localhost:${port}` },
    },
    {
      // `npm start`'s server, as production runs it (peer addresses for throttling, shared pages kept).
      command: "node scripts/launch.mjs start",
      url: `http://localhost:${port}/api/ready`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: "pipe",
      env: {
        PORT: String(port),
        KUBEREADY_DATA_DIR: dataDir,
        // One JSON line per request would bury the test output; warnings and errors still show.
        LOG_LEVEL: "warn",
        // /metrics exists only with a token (e2e/11-operations.spec.ts scrapes it).
        METRICS_TOKEN: "kubeready-e2e-metrics-token",
        DATABASE_URL: "",
        NEXT_TELEMETRY_DISABLED: "1",
        OIDC_ISSUER: oidcIssuer,
        OIDC_CLIENT_ID: "kubeready-e2e",
        OIDC_CLIENT_SECRET: "kubeready-e2e-client-secret",
        OIDC_DISPLAY_NAME: "Test IdP",
        OIDC_SCOPES: "openid email profile groups",
        OIDC_ROLE_CLAIM: "groups",
        OIDC_ADMIN_VALUES: "kubeready-admins",
      },
    },
  ],
});
