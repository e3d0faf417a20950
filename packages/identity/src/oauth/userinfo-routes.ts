import type { FastifyInstance } from "fastify";
import { findAccountById } from "../accounts/account-queries";
import { GRAPH_APP_ID, GRAPH_RESOURCE } from "../apps/graph-app";
import { verifyAccessToken } from "../graph/access-token";
import { pairwiseSub } from "./token-claims";
import type { OauthDeps } from "./token-issuer";

/**
 * The discovery documents' `userinfo_endpoint` (Entra's is graph.microsoft.com/oidc/userinfo): a
 * Microsoft Graph access token with `openid` in, the OIDC claims of its user out (sub is the same
 * pairwise value as in the client's ID token).
 */
export function registerUserinfoRoutes(app: FastifyInstance, deps: OauthDeps): void {
  app.get("/oidc/userinfo", async (request, reply) => {
    const header = request.headers.authorization ?? "";
    const unauthorized = () =>
      reply
        .code(401)
        .header("www-authenticate", 'Bearer error="invalid_token"')
        .send({
          error: { code: "InvalidAuthenticationToken", message: "Access token is empty or invalid." },
        });
    if (!header.startsWith("Bearer ")) return unauthorized();
    const claims = await verifyAccessToken(deps.ctx.db, deps.ctx.origin, header.slice(7), [
      GRAPH_APP_ID,
      GRAPH_RESOURCE,
    ]);
    if (!claims) return unauthorized();
    const scopes = String(claims.scp ?? "").split(" ");
    const account =
      typeof claims.oid === "string" ? await findAccountById(deps.ctx.db, claims.oid) : undefined;
    const clientId = String(claims.azp ?? claims.appid ?? "");
    if (!account || !scopes.includes("openid"))
      return reply.code(403).send({
        error: {
          code: "Authorization_RequestDenied",
          message: "Insufficient privileges to complete the operation.",
        },
      });
    return reply.header("cache-control", "no-store").send({
      sub: pairwiseSub(deps.subKey, account.id, clientId),
      name: account.display_name,
      family_name: account.family_name,
      given_name: account.given_name,
      ...(scopes.includes("email") ? { email: account.email } : {}),
    });
  });
}
