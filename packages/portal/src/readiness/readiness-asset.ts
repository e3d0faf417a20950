import fs from "node:fs";
import type { FastifyInstance } from "fastify";

const body = fs.readFileSync(new URL("./assets/portal-readiness.js", import.meta.url));

/** The small script that checks readiness while an email is typed (same origin, CSP 'self'). */
export function registerReadinessAsset(app: FastifyInstance): void {
  app.get("/_assets/portal-readiness.js", async (_request, reply) =>
    reply.type("text/javascript; charset=utf-8").header("cache-control", "public, max-age=3600").send(body),
  );
}
