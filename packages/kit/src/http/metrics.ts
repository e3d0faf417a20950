import { timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { collectDefaultMetrics, Histogram, Registry } from "prom-client";

/**
 * Prometheus metrics at /metrics: process defaults plus request duration per route and status.
 * They describe traffic and internals, so they are not public: loopback clients only, unless a
 * token is configured (SESAME_METRICS_TOKEN), which a scraper then sends as a bearer token.
 */
export function registerMetrics(app: FastifyInstance, service: string, token?: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: "http_request_duration_seconds",
    help: "Time to answer an HTTP request",
    labelNames: ["method", "route", "status"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  app.addHook("onResponse", (request, reply, done) => {
    duration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? "unmatched",
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
    done();
  });
  app.get("/metrics", { config: { csrf: false } }, async (request, reply) => {
    if (token === undefined && !fromLoopback(request)) return reply.callNotFound();
    if (token !== undefined && !bearerMatches(request.headers.authorization, token))
      return reply.code(401).header("www-authenticate", 'Bearer realm="metrics"').send();
    return reply.type(registry.contentType).send(await registry.metrics());
  });
  app.decorate("metrics", registry);
  return registry;
}

function fromLoopback(request: FastifyRequest): boolean {
  const address = request.socket.remoteAddress ?? "";
  return address === "::1" || /^(::ffff:)?127\./.test(address);
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/i.exec(header ?? "")?.[1] ?? "");
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

declare module "fastify" {
  interface FastifyInstance {
    metrics: Registry;
  }
}
