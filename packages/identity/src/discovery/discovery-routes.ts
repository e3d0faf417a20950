import type { FastifyInstance, FastifyReply } from "fastify";
import type { IdentityContext } from "../context";
import { publishedKeys } from "../keys/signing-keys";
import { AadstsError } from "../oauth/aadsts";
import { resolveAuthority, v2Issuer } from "../oauth/authority";
import { sendJsonError } from "../oauth/json-errors";
import { v1Configuration, v2Configuration } from "./openid-configuration";

type TenantParams = { Params: { tenant: string } };

function cacheable(reply: FastifyReply): FastifyReply {
  return reply
    .header("cache-control", "max-age=86400, private")
    .header("access-control-allow-origin", "*")
    .header("access-control-allow-methods", "GET, OPTIONS");
}

/** OpenID discovery (v1, v2), JWKS and MSAL's instance discovery, shaped as Entra serves them. */
export function registerDiscoveryRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  app.get<TenantParams>("/:tenant/v2.0/.well-known/openid-configuration", async (request, reply) => {
    try {
      const authority = await resolveAuthority(ctx.db, request.params.tenant);
      return cacheable(reply).send(v2Configuration(ctx.origin, authority));
    } catch (error) {
      return sendJsonError(request, reply, ctx.origin, error);
    }
  });
  app.get<TenantParams>("/:tenant/.well-known/openid-configuration", async (request, reply) => {
    try {
      const authority = await resolveAuthority(ctx.db, request.params.tenant);
      return cacheable(reply).send(v1Configuration(ctx.origin, authority));
    } catch (error) {
      return sendJsonError(request, reply, ctx.origin, error);
    }
  });

  // v2 keys carry the issuer they sign for; v1 keys (and /common/discovery/keys) do not.
  app.get<TenantParams>("/:tenant/discovery/v2.0/keys", async (request, reply) => {
    try {
      const authority = await resolveAuthority(ctx.db, request.params.tenant);
      const issuer = v2Issuer(ctx.origin, authority.tenantId ?? "{tenantid}");
      const keys = (await publishedKeys(ctx.db)).map((k) => ({ ...jwk(k), issuer }));
      return cacheable(reply).send({ keys });
    } catch (error) {
      return sendJsonError(request, reply, ctx.origin, error);
    }
  });
  app.get<TenantParams>("/:tenant/discovery/keys", async (request, reply) => {
    try {
      await resolveAuthority(ctx.db, request.params.tenant);
      return cacheable(reply).send({ keys: (await publishedKeys(ctx.db)).map(jwk) });
    } catch (error) {
      return sendJsonError(request, reply, ctx.origin, error);
    }
  });

  /**
   * MSAL's instance discovery (docs/microsoft-behaviour.md#instance-discovery). MSAL only calls it for hosts it does not know; with
   * `knownAuthorities: [host]` it synthesises the same answer itself. Only our own host is known.
   */
  app.get("/common/discovery/instance", async (request, reply) => {
    const q = request.query as Record<string, string | undefined>;
    const host = new URL(ctx.origin).host;
    let endpoint: URL | undefined;
    try {
      endpoint = new URL(q.authorization_endpoint ?? "");
    } catch {}
    if (!endpoint || endpoint.host !== host) {
      return sendJsonError(request, reply, ctx.origin, new AadstsError(50049));
    }
    const tenant = endpoint.pathname.split("/")[1] || "common";
    return cacheable(reply).send({
      tenant_discovery_endpoint: `${ctx.origin}/${tenant}/v2.0/.well-known/openid-configuration`,
      "api-version": "1.1",
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    });
  });
}

function jwk(k: { kid: string; n: string; e: string; x5c: string }) {
  return { kty: "RSA", use: "sig", kid: k.kid, x5t: k.kid, n: k.n, e: k.e, x5c: [k.x5c] };
}
