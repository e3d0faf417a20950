/**
 * Child process of the code-flow benchmark: oidc-provider configured like identity for a web app —
 * authorization code with PKCE (S256), client_secret_post, RS256 ID tokens, RS256 JWT access tokens
 * for Microsoft Graph (resource indicators with Graph as the default resource, as identity signs a
 * Graph token for `User.Read`), opaque refresh tokens rotated on every use — on HTTPS with the same
 * TLS material. Its state is durable in SQLite as identity's is (sqlite-adapter.ts), or, with the
 * argument `memory`, in memory without eviction (unbounded-memory-adapter.ts says why). Each
 * flow and each refresh thus signs two RS256 tokens on both servers. Its interaction (login and consent)
 * is answered at once for one account, as identity's pages are once the browser has a session and
 * the consent is given: the benchmark measures the flows that follow. Prints one JSON line.
 */
import { generateKeyPairSync } from "node:crypto";
import https from "node:https";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";
import { jwtResourceIndicators } from "./jwt-resource-indicators";
import { openSqliteAdapter } from "./sqlite-adapter";
import { UnboundedMemoryAdapter } from "./unbounded-memory-adapter";

const tls = JSON.parse(process.argv[2] ?? "{}") as { cert: string; key: string; ca: string };
const durable = process.argv[3] !== "memory" ? openSqliteAdapter() : undefined;
const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: "jwk" }), kid: "bench", use: "sig", alg: "RS256" };
const clientId = "5b0c1d6e-2f3a-4b5c-8d9e-0f1a2b3c4d5e";
const clientSecret = "abc8Q~bench-secret-with-enough-entropy-0123";
const redirectUri = "https://app.example/callback";
const accountId = "00000000-0000-0000-bench-000000000001";
const API = "https://graph.microsoft.com";
const apiScope = "User.Read";
const oidcScope = "openid profile email offline_access";

const server = https.createServer({ cert: tls.cert, key: tls.key });
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const port = (server.address() as AddressInfo).port;
const provider = new Provider(`https://localhost:${port}`, {
  adapter: durable?.adapter ?? UnboundedMemoryAdapter,
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      grant_types: ["authorization_code", "refresh_token"],
      redirect_uris: [redirectUri],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_post",
    },
  ],
  jwks: { keys: [jwk as never] },
  scopes: ["openid", "profile", "email", "offline_access"],
  claims: { openid: ["sub"], profile: ["name"], email: ["email"] },
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: false },
    resourceIndicators: jwtResourceIndicators(API, apiScope),
  },
  rotateRefreshToken: () => true,
  issueRefreshToken: () => true,
  cookies: { keys: ["bench-cookie-key-0123456789"] },
  findAccount: (_ctx: unknown, sub: string) => ({
    accountId: sub,
    claims: () => ({ sub, name: "Bench", email: "bench@example.com" }),
  }),
});
const callback = provider.callback();
server.on("request", async (req, res) => {
  const interaction = /^\/interaction\/([^/?]+)/.exec(req.url ?? "");
  if (!interaction) return callback(req, res);
  // The sign-in and consent pages, answered at once: session for the account, every scope granted.
  const details = await provider.interactionDetails(req, res);
  // addResourceScope is declared here, not in bench/src/token's declarations: only this bench uses it.
  const grant = new provider.Grant({ accountId, clientId }) as InstanceType<typeof provider.Grant> & {
    addResourceScope(resource: string, scope: string): void;
  };
  grant.addOIDCScope(oidcScope);
  grant.addResourceScope(API, apiScope);
  const grantId = await grant.save();
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId }, consent: { grantId } },
    { mergeWithLastSubmission: false },
  );
  void details;
});
process.stdout.write(
  `${JSON.stringify({
    url: `https://localhost:${port}`,
    ca: tls.ca,
    authorizePath: "/auth",
    tokenPath: "/token",
    clientId,
    clientSecret,
    redirectUri,
    scope: `${oidcScope} ${apiScope}`,
    refreshScope: `openid profile email ${apiScope}`,
  })}\n`,
);
process.on("SIGTERM", () => {
  server.close();
  durable?.close();
  process.exit(0);
});
