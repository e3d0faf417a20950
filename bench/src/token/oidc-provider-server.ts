/**
 * Child process of the token benchmark: oidc-provider configured like identity's token endpoint —
 * client credentials, client_secret_post, RS256 JWT access tokens (1 h) for one API — on HTTPS with
 * the same TLS material. Prints one JSON line with what the load generator needs.
 */
import { generateKeyPairSync } from "node:crypto";
import https from "node:https";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

const tls = JSON.parse(process.argv[2] ?? "{}") as { cert: string; key: string; ca: string };
const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: "jwk" }), kid: "bench", use: "sig", alg: "RS256" };
const clientId = "9f1c2f7e-9d0e-4f55-8a2b-2f2f4d3c1b10";
const clientSecret = "abc8Q~bench-secret-with-enough-entropy-0123";
const API = "https://graph.microsoft.com";

const server = https.createServer({ cert: tls.cert, key: tls.key });
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const port = (server.address() as AddressInfo).port;
const provider = new Provider(`https://localhost:${port}`, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      grant_types: ["client_credentials"],
      redirect_uris: [],
      response_types: [],
      token_endpoint_auth_method: "client_secret_post",
      scope: "User.Read.All",
    },
  ],
  jwks: { keys: [jwk as never] },
  scopes: ["User.Read.All"],
  features: {
    clientCredentials: { enabled: true },
    devInteractions: { enabled: false },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => API,
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({
        scope: "User.Read.All",
        audience: API,
        accessTokenTTL: 3600,
        accessTokenFormat: "jwt",
        jwt: { sign: { alg: "RS256" } },
      }),
    },
  },
});
server.on("request", provider.callback());
process.stdout.write(
  `${JSON.stringify({
    url: `https://localhost:${port}`,
    tokenPath: "/token",
    form: {
      grant_type: "client_credentials",
      client_id: clientId,
      client_secret: clientSecret,
      scope: "User.Read.All",
    },
    ca: tls.ca,
  })}\n`,
);
process.on("SIGTERM", () => {
  server.close();
  process.exit(0);
});
