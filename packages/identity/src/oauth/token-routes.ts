import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { type Authority, tenantPath } from "../protocol/authority";
import { authenticateClient } from "./client-auth";
import { deviceCodeGrant } from "./device/device-grant";
import { authorizationCodeGrant } from "./grants/authorization-code";
import { clientCredentialsGrant } from "./grants/client-credentials";
import { refreshTokenGrant } from "./grants/refresh-token";
import { passwordGrant } from "./password/password-grant";
import { registerTokenPreflight, tokenCorsHook } from "./spa/spa-cors";
import { assertRedemptionOrigin, crossOriginOf } from "./spa/spa-rules";
import type { ApiVersion } from "./token-claims";
import type { OauthDeps } from "./token-issuer";
import { parseTokenRequest, type TokenRequest, tokenFields } from "./token-params";

export function tokenEndpointUrls(origin: string, raw: string, authority: Authority): string[] {
  const segments = [...new Set([raw, authority.pathSegment])];
  return segments.flatMap((s) => [`${origin}/${s}/oauth2/v2.0/token`, `${origin}/${s}/oauth2/token`]);
}

const tokenSchema = { params: tenantPath, querystring: tokenFields, body: tokenFields.nullish() };

/**
 * `/{tenant}/oauth2/v2.0/token` and v1 `/{tenant}/oauth2/token`: one pipeline, five grants. Failures
 * are thrown and rendered by the OAuth JSON error handler of the scope these routes live in. The v2
 * endpoint answers single-page apps' cross-origin calls (CORS, preflight included).
 */
export function registerTokenRoutes(app: FastifyInstance, deps: OauthDeps): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  registerTokenPreflight(app, deps.ctx.db);
  const cors = tokenCorsHook(deps.ctx.db, deps.ctx.origin);
  for (const [path, version] of [
    ["/:tenant/oauth2/v2.0/token", "2"],
    ["/:tenant/oauth2/token", "1"],
  ] as const) {
    // CORS first (onRequest), so that even a malformed request's error is readable by the page.
    const onRequest = version === "2" ? [cors] : [];
    routes.post(path, { schema: tokenSchema, config: { csrf: false }, onRequest }, async (request, reply) => {
      const crossOrigin = crossOriginOf(request.headers.origin, deps.ctx.origin);
      const params = parseTokenRequest(request.query, request.body, version);
      const body = await token(deps, request, {
        version,
        tenant: request.params.tenant,
        params,
        crossOrigin,
      });
      return reply.header("cache-control", "no-store, no-cache").header("pragma", "no-cache").send(body);
    });
  }
}

async function token(
  deps: OauthDeps,
  request: FastifyRequest,
  input: { version: ApiVersion; tenant: string; params: TokenRequest; crossOrigin: string | undefined },
) {
  const { version, tenant, params, crossOrigin } = input;
  const authorization = request.headers.authorization;
  const authority = await deps.cache.authority(tenant);
  const client = await authenticateClient(deps.ctx.db, deps.cache, {
    params,
    authorization,
    audiences: () => tokenEndpointUrls(deps.ctx.origin, tenant, authority),
    tenant,
    confidentialRequired: params.grant_type === "client_credentials",
  });
  switch (params.grant_type) {
    case "client_credentials":
      assertRedemptionOrigin(false, crossOrigin);
      return clientCredentialsGrant(deps, { version, authority, params, client });
    case "authorization_code":
      return authorizationCodeGrant(deps, { version, params, client, crossOrigin });
    case "password":
      assertRedemptionOrigin(false, crossOrigin);
      return passwordGrant(deps, request, { version, authority, params, client });
    case "refresh_token":
      return refreshTokenGrant(deps, { version, params, client, crossOrigin });
    default:
      assertRedemptionOrigin(false, crossOrigin);
      return deviceCodeGrant(deps, { version, params, client });
  }
}
