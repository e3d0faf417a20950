/**
 * Child process of the token and code benchmarks: the FLOOR, a bare node:https server (no
 * framework, no database) doing only the unavoidable work of identity's token endpoint and code
 * flow (client_credentials.ts, code-grant.ts), on identity's own certificate and key (argv[2]) with
 * Node's HTTP/1.1 keep-alive as identity has it (Fastify's 72 s). No Node HTTPS server doing this
 * cryptography can be faster on this machine, so its ratio to oidc-provider is the best a goal
 * measured against oidc-provider can reach here. Prints one JSON line: a token Target and a
 * CodeTarget in one (bench/src/token/load.ts, bench/src/code/browser.ts).
 */
import https from "node:https";
import type { AddressInfo } from "node:net";
import { clientCredentials } from "./client-credentials";
import { CodeGrant } from "./code-grant";
import { FloorClient, readForm, sendJson } from "./floor-http";
import { GRAPH_SCOPE, tenantId } from "./floor-identity";
import type { TlsMaterial } from "./identity-tls";

const tls = JSON.parse(process.argv[2] ?? "{}") as TlsMaterial;
const clientSecret = "qZC8Q~uRRiY0alqxhGB6F5WoqX7QYp0Cbc5nwhVh";
const client = new FloorClient("c8bcd85c-1480-451e-a05d-6ec9adb64d0c", clientSecret);
const redirectUri = "https://app.example/callback";
const authorizePath = "/common/oauth2/v2.0/authorize";
const tokenPath = "/common/oauth2/v2.0/token";

const server = https.createServer({ cert: tls.cert, key: tls.key, keepAliveTimeout: 72_000 });
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const url = `https://localhost:${(server.address() as AddressInfo).port}`;
const issuer = `${url}/${tenantId}/v2.0`;
const code = new CodeGrant(client, redirectUri, issuer);

server.on("request", (request, response) => {
  const target = request.url ?? "";
  const query = target.indexOf("?");
  const path = query < 0 ? target : target.slice(0, query);
  if (request.method === "GET" && path === authorizePath)
    return code.authorize(request, new URLSearchParams(query < 0 ? "" : target.slice(query + 1)), response);
  if (request.method !== "POST" || path !== tokenPath) return sendJson(response, 404, { error: "not_found" });
  readForm(request)
    .then((form) => {
      const grantType = form.get("grant_type");
      if (grantType === "client_credentials") return clientCredentials(form, client, issuer, response);
      if (grantType === "authorization_code") return code.redeemCode(form, response);
      if (grantType === "refresh_token") return code.refresh(form, response);
      return sendJson(response, 400, { error: "unsupported_grant_type" });
    })
    .catch((error: unknown) => {
      process.stderr.write(`floor: ${String(error)}\n`);
      if (!response.headersSent) sendJson(response, 500, { error: "server_error" });
    });
});

process.stdout.write(
  `${JSON.stringify({
    url,
    ca: tls.ca,
    tokenPath,
    form: {
      grant_type: "client_credentials",
      client_id: client.id,
      client_secret: clientSecret,
      scope: GRAPH_SCOPE,
    },
    authorizePath,
    clientId: client.id,
    clientSecret,
    redirectUri,
    scope: "openid profile email offline_access User.Read",
    sessionCookie: code.sessionCookie,
  })}\n`,
);
process.on("SIGTERM", () => {
  server.close();
  process.exit(0);
});
