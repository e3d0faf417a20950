import { createReadStream, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { assetDir } from "@sesame/kit/ui/asset-dir";
import type { FastifyInstance } from "fastify";

const body = readFileSync(
  new URL("portal-documents.js", assetDir("documents", new URL("./assets/", import.meta.url))),
);
const require = createRequire(import.meta.url);
/** pdf.js renders PDF previews in the page (its module and its worker, served from the package). */
const pdfjs = {
  "pdf.min.mjs": require.resolve("pdfjs-dist/build/pdf.min.mjs"),
  "pdf.worker.min.mjs": require.resolve("pdfjs-dist/build/pdf.worker.min.mjs"),
} as const;
/** tus-js-client's browser build, for resumable uploads of large files. */
const tusClient = require.resolve("tus-js-client/dist/tus.min.js");

/** The documents page's script: uploads with a progress bar per file, drag and drop, previews. */
export function registerDocumentsAsset(app: FastifyInstance): void {
  app.get("/_assets/portal-documents.js", async (_request, reply) =>
    reply.type("text/javascript; charset=utf-8").header("cache-control", "public, max-age=3600").send(body),
  );
  app.get("/_assets/tus.min.js", async (_request, reply) =>
    reply
      .type("text/javascript; charset=utf-8")
      .header("cache-control", "public, max-age=86400")
      .send(createReadStream(tusClient)),
  );
  for (const [name, file] of Object.entries(pdfjs))
    app.get(`/_assets/pdfjs/${name}`, async (_request, reply) =>
      reply
        .type("text/javascript; charset=utf-8")
        .header("cache-control", "public, max-age=86400")
        .send(createReadStream(file)),
    );
}
