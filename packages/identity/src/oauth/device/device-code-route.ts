import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { findApplication } from "../../apps/app-queries";
import { AadstsError } from "../../protocol/aadsts";
import { resolveAuthority, tenantPath } from "../../protocol/authority";
import { resolveScopeRequest } from "../scopes";
import type { OauthDeps } from "../token-issuer";
import { tokenFields } from "../token-params";
import { createDeviceCode, DEVICE_CODE_SECONDS, POLL_INTERVAL_SECONDS } from "./device-store";

const schema = { params: tenantPath, querystring: tokenFields, body: tokenFields.nullish() };

/**
 * `/devicecode` (RFC 8628), v2 and v1: the device's first call. Failures are thrown and rendered
 * by the OAuth JSON error handler of the scope this route lives in.
 */
export function registerDeviceCodeRoute(app: FastifyInstance, deps: OauthDeps): void {
  const { ctx } = deps;
  const routes = app.withTypeProvider<ZodTypeProvider>();
  for (const [path, version] of [
    ["/:tenant/oauth2/v2.0/devicecode", "2"],
    ["/:tenant/oauth2/devicecode", "1"],
  ] as const) {
    routes.post(path, { schema, config: { csrf: false } }, async (request, reply) => {
      const params = { ...request.query, ...request.body };
      // v1 names the API with `resource`: the device then asks for what the app was granted on it.
      const scope =
        params.scope || (params.resource && `${params.resource.replace(/\/+$/, "")}/.default openid`);
      const authority = await resolveAuthority(ctx.db, request.params.tenant);
      if (!params.client_id) throw new AadstsError(900144, { name: "client_id" });
      const client = await findApplication(ctx.db, params.client_id);
      if (!client) throw new AadstsError(700016, { appId: params.client_id, tenant: request.params.tenant });
      if (!scope) throw new AadstsError(900144, { name: "scope" });
      await resolveScopeRequest(ctx.db, scope, authority.tenantId ?? request.params.tenant);
      const { deviceCode, userCode } = await createDeviceCode(ctx.db, {
        clientId: client.app_id,
        scope,
        tenantSegment: request.params.tenant,
      });
      const uri = `${ctx.origin}/devicelogin`;
      return reply.header("cache-control", "no-store").send({
        user_code: userCode,
        device_code: deviceCode,
        // v1 names it `verification_url`, as ADAL reads it (adal-python constants.py); v2 RFC 8628's name.
        [version === "1" ? "verification_url" : "verification_uri"]: uri,
        expires_in: DEVICE_CODE_SECONDS,
        interval: POLL_INTERVAL_SECONDS,
        message: `To sign in, use a web browser to open the page ${uri} and enter the code ${userCode} to authenticate.`,
      });
    });
  }
}
