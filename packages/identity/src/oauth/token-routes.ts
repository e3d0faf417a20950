import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AadstsError } from "./aadsts";
import type { Authority } from "./authority";
import { authenticateClient, type TokenParams } from "./client-auth";
import { deviceCodeGrant } from "./device/device-grant";
import { authorizationCodeGrant } from "./grants/authorization-code";
import { clientCredentialsGrant } from "./grants/client-credentials";
import { refreshTokenGrant } from "./grants/refresh-token";
import { sendJsonError } from "./json-errors";
import type { ApiVersion } from "./token-claims";
import type { OauthDeps } from "./token-issuer";

/** RFC 8628's grant type; MSAL sends the short `device_code`, which Entra accepts too. */
const DEVICE_CODE = ["urn:ietf:params:oauth:grant-type:device_code", "device_code"];

/** Parameters from the form body, and from the query string as Entra tolerates (body wins). */
export function tokenParams(request: FastifyRequest): TokenParams {
  const merged: Record<string, string | undefined> = {};
  for (const source of [request.query, request.body]) {
    if (!source || typeof source !== "object") continue;
    for (const [k, v] of Object.entries(source as Record<string, unknown>))
      if (typeof v === "string") merged[k] = v;
  }
  return merged;
}

export function tokenEndpointUrls(origin: string, raw: string, authority: Authority): string[] {
  const segments = [...new Set([raw, authority.pathSegment])];
  return segments.flatMap((s) => [`${origin}/${s}/oauth2/v2.0/token`, `${origin}/${s}/oauth2/token`]);
}

/** `/{tenant}/oauth2/v2.0/token` and v1 `/{tenant}/oauth2/token`: one pipeline, four grants. */
export function registerTokenRoutes(app: FastifyInstance, deps: OauthDeps): void {
  const handler =
    (version: ApiVersion) =>
    async (request: FastifyRequest<{ Params: { tenant: string } }>, reply: FastifyReply) => {
      try {
        const body = await token(deps, version, request);
        return reply.header("cache-control", "no-store, no-cache").header("pragma", "no-cache").send(body);
      } catch (error) {
        return sendJsonError(request, reply, deps.ctx.origin, error);
      }
    };
  app.post("/:tenant/oauth2/v2.0/token", { config: { csrf: false } }, handler("2"));
  app.post("/:tenant/oauth2/token", { config: { csrf: false } }, handler("1"));
}

async function token(
  deps: OauthDeps,
  version: ApiVersion,
  request: FastifyRequest<{ Params: { tenant: string } }>,
) {
  const params = tokenParams(request);
  const authority = await deps.cache.authority(request.params.tenant);
  const grantType = params.grant_type;
  if (!grantType) throw new AadstsError(900144, { name: "grant_type" });
  const known = ["client_credentials", "authorization_code", "refresh_token", ...DEVICE_CODE];
  if (!known.includes(grantType)) throw new AadstsError(70003, { grant: grantType });
  const client = await authenticateClient(deps.ctx.db, deps.cache, {
    params,
    authorization: request.headers.authorization,
    audiences: () => tokenEndpointUrls(deps.ctx.origin, request.params.tenant, authority),
    tenant: request.params.tenant,
    confidentialRequired: grantType === "client_credentials",
  });
  switch (grantType) {
    case "client_credentials":
      return clientCredentialsGrant(deps, { version, authority, params, client });
    case "authorization_code":
      return authorizationCodeGrant(deps, { version, params, client });
    case "refresh_token":
      return refreshTokenGrant(deps, { version, params, client });
    default:
      return deviceCodeGrant(deps, { version, params, client });
  }
}
