import fs from "node:fs";
import { assetDir } from "@sesame/kit/ui/asset-dir";
import type { FastifyInstance } from "fastify";

const body = fs.readFileSync(
  new URL("portal-documents.js", assetDir("documents", new URL("./assets/", import.meta.url))),
);

/** The documents page's script: uploads with a progress bar per file, drag and drop, previews. */
export function registerDocumentsAsset(app: FastifyInstance): void {
  app.get("/_assets/portal-documents.js", async (_request, reply) =>
    reply.type("text/javascript; charset=utf-8").header("cache-control", "public, max-age=3600").send(body),
  );
}
