import type { FastifyInstance } from "fastify";

/**
 * Graph is called from pages with a bearer token (msal-browser, then `fetch`): any origin may call
 * it, as at Microsoft, because no cookie is involved: the token is the only credential.
 */
const allowedHeaders = /^[\w-]+(\s*,\s*[\w-]+)*$/;

/** CORS headers on every Graph answer (the surface's hook) and the preflight, which needs no token. */
export function registerGraphCors(app: FastifyInstance, graph: FastifyInstance): void {
  graph.addHook("onRequest", (request, reply, done) => {
    if (request.headers.origin) {
      reply.header("access-control-allow-origin", "*");
      reply.header("access-control-expose-headers", "request-id, client-request-id, location, retry-after");
    }
    done();
  });
  // Outside the Graph scope: a preflight carries no Authorization header and must not be refused.
  app.options("/v1.0/*", { config: { csrf: false } }, async (request, reply) => {
    const asked = request.headers["access-control-request-headers"];
    reply
      .header("access-control-allow-origin", "*")
      .header("access-control-allow-methods", "GET, POST, PATCH, PUT, DELETE")
      .header(
        "access-control-allow-headers",
        typeof asked === "string" && allowedHeaders.test(asked) ? asked : "authorization, content-type",
      )
      .header("access-control-max-age", "86400");
    return reply.code(204).send();
  });
}
