import fs from "node:fs";
import { assetDir } from "@sesame/kit/ui/asset-dir";
import type { FastifyInstance } from "fastify";

const body = fs.readFileSync(
  new URL("portal-readiness.js", assetDir("readiness", new URL("./assets/", import.meta.url))),
);

/** The small script that checks readiness while an email is typed (same origin, CSP 'self'). */
export function registerReadinessAsset(app: FastifyInstance): void {
  app.get("/_assets/portal-readiness.js", async (_request, reply) =>
    reply.type("text/javascript; charset=utf-8").header("cache-control", "public, max-age=3600").send(body),
  );
}
