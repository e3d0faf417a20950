import type { FastifyInstance, onRequestHookHandler } from "fastify";
import type { Kysely } from "kysely";
import type { IdentityDB } from "../../storage/schema";
import { spaOriginRegistered } from "./spa-queries";
import { crossOriginOf } from "./spa-rules";

const allowedHeaders = /^[\w-]+(\s*,\s*[\w-]+)*$/;

/**
 * CORS on a token answer (success or error, so MSAL can read an `invalid_grant`) when the
 * request's Origin is the origin of a registered single-page app redirect URI. No credentials
 * (cookies) are ever allowed: the code, its verifier and the refresh token are the credentials.
 * An onRequest hook in callback style: a server-side call (no cross origin, the token bench's hot
 * path) goes on at once, without the database or a promise.
 */
export function tokenCorsHook(db: Kysely<IdentityDB>, identityOrigin: string): onRequestHookHandler {
  return (request, reply, done) => {
    reply.header("vary", "Origin");
    const crossOrigin = crossOriginOf(request.headers.origin, identityOrigin);
    if (!crossOrigin) return done();
    spaOriginRegistered(db, crossOrigin).then((registered) => {
      if (registered)
        reply
          .header("access-control-allow-origin", crossOrigin)
          .header("access-control-expose-headers", "x-ms-request-id, client-request-id, x-request-id");
      done();
    }, done);
  };
}

/**
 * The preflight of `/{tenant}/oauth2/v2.0/token`: it carries no client_id, so the Origin alone is
 * matched against the registered spa redirect URIs; another origin gets no CORS header (the
 * browser then refuses the call, as Entra's does for an origin it does not know).
 */
export function registerTokenPreflight(scope: FastifyInstance, db: Kysely<IdentityDB>): void {
  scope.options("/:tenant/oauth2/v2.0/token", { config: { csrf: false } }, async (request, reply) => {
    const origin = request.headers.origin;
    reply.header("vary", "Origin");
    if (origin && (await spaOriginRegistered(db, origin))) {
      const asked = request.headers["access-control-request-headers"];
      reply
        .header("access-control-allow-origin", origin)
        .header("access-control-allow-methods", "POST, OPTIONS")
        .header(
          "access-control-allow-headers",
          typeof asked === "string" && allowedHeaders.test(asked) ? asked : "content-type",
        )
        .header("access-control-max-age", "86400");
    }
    return reply.code(204).send();
  });
}
