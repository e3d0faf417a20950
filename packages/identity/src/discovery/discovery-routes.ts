import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { IdentityContext } from "../context";
import { publishedKeys } from "../keys/signing-keys";
import { AadstsError } from "../protocol/aadsts";
import { resolveAuthority, tenantPath, v2Issuer } from "../protocol/authority";
import { v1Configuration, v2Configuration } from "./openid-configuration";

const instanceQuery = z.object({ authorization_endpoint: z.string().max(2048).optional() });

function cacheable(reply: FastifyReply): FastifyReply {
  return reply
    .header("cache-control", "max-age=86400, private")
    .header("access-control-allow-origin", "*")
    .header("access-control-allow-methods", "GET, OPTIONS");
}

/**
 * OpenID discovery (v1, v2), JWKS and MSAL's instance discovery, shaped as Entra serves them.
 * Registered in the OAuth JSON scope: failures are thrown and rendered there.
 */
export function registerDiscoveryRoutes(untyped: FastifyInstance, ctx: IdentityContext): void {
  const app = untyped.withTypeProvider<ZodTypeProvider>();
  const schema = { params: tenantPath };
  app.get("/:tenant/v2.0/.well-known/openid-configuration", { schema }, async (request, reply) => {
    const authority = await discoveredAuthority(ctx, request.params.tenant);
    return cacheable(reply).send(v2Configuration(ctx.origin, authority));
  });
  app.get("/:tenant/.well-known/openid-configuration", { schema }, async (request, reply) => {
    const authority = await discoveredAuthority(ctx, request.params.tenant);
    return cacheable(reply).send(v1Configuration(ctx.origin, authority));
  });

  // v2 keys carry the issuer they sign for; v1 keys (and /common/discovery/keys) do not.
  app.get("/:tenant/discovery/v2.0/keys", { schema }, async (request, reply) => {
    const authority = await resolveAuthority(ctx.db, request.params.tenant);
    const issuer = v2Issuer(ctx.origin, authority.tenantId ?? "{tenantid}");
    const keys = (await publishedKeys(ctx.db)).map((k) => ({ ...jwk(k), issuer }));
    return cacheable(reply).send({ keys });
  });
  app.get("/:tenant/discovery/keys", { schema }, async (request, reply) => {
    await resolveAuthority(ctx.db, request.params.tenant);
    return cacheable(reply).send({ keys: (await publishedKeys(ctx.db)).map(jwk) });
  });

  /**
   * MSAL's instance discovery (docs/microsoft-behaviour.md#instance-discovery). MSAL only calls it for hosts it does not know; with
   * `knownAuthorities: [host]` it synthesises the same answer itself. Only our own host is known.
   */
  app.get(
    "/common/discovery/instance",
    { schema: { querystring: instanceQuery } },
    async (request, reply) => {
      const q = request.query;
      const host = new URL(ctx.origin).host;
      let endpoint: URL | undefined;
      try {
        endpoint = new URL(q.authorization_endpoint ?? "");
      } catch {}
      if (!endpoint || endpoint.host !== host) {
        throw new AadstsError(50049);
      }
      const tenant = endpoint.pathname.split("/")[1] || "common";
      return cacheable(reply).send({
        tenant_discovery_endpoint: `${ctx.origin}/${tenant}/v2.0/.well-known/openid-configuration`,
        "api-version": "1.1",
        metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
      });
    },
  );
}

function jwk(k: { kid: string; n: string; e: string; x5c: string }) {
  return { kty: "RSA", use: "sig", kid: k.kid, x5t: k.kid, n: k.n, e: k.e, x5c: [k.x5c] };
}

/** Discovery calls an unknown tenant `invalid_tenant`, where the token endpoint says `invalid_request`. */
async function discoveredAuthority(ctx: IdentityContext, tenant: string) {
  try {
    return await resolveAuthority(ctx.db, tenant);
  } catch (error) {
    if (error instanceof AadstsError && error.code === 90002)
      throw new AadstsError(90002, error.params, "invalid_tenant");
    throw error;
  }
}
