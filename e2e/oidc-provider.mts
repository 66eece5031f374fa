// A real OpenID Connect provider for tests (the `oidc-provider` package, certified implementation),
// with one confidential client and a few fixed accounts. The login form is oidc-provider's own
// development interaction: any password, the "login" field picks the account below.
//
//   node --import tsx e2e/oidc-provider.mts      # listens on OIDC_PROVIDER_PORT (3210) for the e2e app
import http from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import Provider, { type Configuration, type KoaContextWithOIDC } from "oidc-provider";

export const TEST_CLIENT = { id: "kubeready-e2e", secret: "kubeready-e2e-client-secret" };

export interface TestAccount {
  email: string;
  email_verified: boolean;
  name: string;
  groups: string[];
}

export const TEST_ACCOUNTS: Record<string, TestAccount> = {
  "oidc-user": {
    email: "oidc-user@example.com",
    email_verified: true,
    name: "Olivia Oidc",
    groups: ["engineering"],
  },
  "oidc-admin": {
    email: "oidc-admin@example.com",
    email_verified: true,
    name: "Omar Oidc",
    groups: ["engineering", "kubeready-admins"],
  },
  "oidc-unverified": {
    email: "unverified@example.com",
    email_verified: false,
    name: "Una Unverified",
    groups: [],
  },
};

export interface RunningProvider {
  issuer: string;
  close(): Promise<void>;
}

/** Skips the consent screen for the test client, as a company IdP does for its first-party apps. */
async function autoGrant(ctx: KoaContextWithOIDC) {
  const { client, session, params, provider } = ctx.oidc;
  if (!client || !session?.accountId) return undefined;
  const existing = session.grantIdFor(client.clientId);
  if (existing) return provider.Grant.find(existing);
  const grant = new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
  grant.addOIDCScope(String(params?.scope ?? "openid"));
  await grant.save();
  return grant;
}

export async function startOidcProvider(options: {
  port: number;
  host?: string;
  redirectUris: string[];
}): Promise<RunningProvider> {
  const host = options.host ?? "127.0.0.1";
  // The issuer must name the real port, which is known only once listening (port 0 in tests).
  let handler: http.RequestListener = (_req, res) => res.writeHead(503).end();
  const server = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(options.port, host, resolve));
  const issuer = `http://${host}:${(server.address() as AddressInfo).port}`;

  const configuration: Configuration = {
    clients: [
      {
        client_id: TEST_CLIENT.id,
        client_secret: TEST_CLIENT.secret,
        redirect_uris: options.redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified"],
      profile: ["name"],
      groups: ["groups"],
    },
    cookies: { keys: ["test-provider-cookie-key-not-secret"] },
    // Explicit lifetimes (seconds), which also keeps the provider's "default ttl" notices out of test logs.
    ttl: {
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
      AccessToken: 600,
      IdToken: 600,
      AuthorizationCode: 60,
    },
    features: { devInteractions: { enabled: true } },
    loadExistingGrant: autoGrant,
    findAccount(_ctx, id) {
      const account = TEST_ACCOUNTS[id];
      if (!account) return undefined;
      return { accountId: id, claims: () => ({ sub: id, ...account }) };
    },
  };
  const provider = new Provider(issuer, configuration);
  handler = provider.callback();

  return {
    issuer,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const appUrl = process.env.OIDC_TEST_APP_URL ?? "http://localhost:3200";
  const running = await startOidcProvider({
    port: Number(process.env.OIDC_PROVIDER_PORT ?? 3210),
    redirectUris: [`${appUrl}/api/auth/oidc/callback`],
  });
  console.log(`[oidc-provider] listening, issuer ${running.issuer}`);
  const stop = () => void running.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
