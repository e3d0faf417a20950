import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { findAccountById } from "../accounts/account-queries";
import { GRAPH_APP_ID, GRAPH_RESOURCE } from "../apps/graph-app";
import { verifyAccessToken } from "../bearer/access-token";
import { pairwiseSub } from "./token-claims";
import type { OauthDeps } from "./token-issuer";

/**
 * The discovery documents' `userinfo_endpoint`s: v2's `/oidc/userinfo` (Entra's is
 * graph.microsoft.com/oidc/userinfo) and v1's `/{tenant}/openid/userinfo`. A Microsoft Graph access
 * token in, the OIDC claims of its user out (sub is the same pairwise value as in the client's ID
 * token). A v2 token must carry `openid`; a v1 sign-in always is an OpenID one.
 */
export function registerUserinfoRoutes(app: FastifyInstance, deps: OauthDeps): void {
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
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
    if (!account || !(scopes.includes("openid") || claims.ver === "1.0"))
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
  };
  for (const url of ["/oidc/userinfo", "/:tenant/openid/userinfo"]) {
    app.get(url, handler);
    // OpenID Connect Core §5.3.1 allows POST too; the bearer token is not a browser form's.
    app.post(url, { config: { csrf: false } }, handler);
  }
}
