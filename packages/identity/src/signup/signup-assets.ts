import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { assetDir } from "@sesame/kit/ui/asset-dir";
import type { FastifyInstance } from "fastify";

const require = createRequire(import.meta.url);
// "altcha" resolves to dist/main/altcha.umd.cjs for require(); its dist folder is one level up.
const altchaDist = path.resolve(path.dirname(require.resolve("altcha")), "..");

/**
 * The wizard's browser files, served from this origin so the CSP can stay 'self' + nonce: our own
 * script, and the ALTCHA widget's CSP-friendly "external" build (no inline styles, no blob
 * workers), its stylesheet, its SHA worker and its French strings, straight from node_modules.
 */
const assets: Record<string, { file: string; type: string }> = {
  "signup.js": {
    file: new URL("signup.js", assetDir("signup", new URL("./assets/", import.meta.url))).pathname,
    type: "text/javascript",
  },
  "altcha.js": { file: path.join(altchaDist, "external/altcha.min.js"), type: "text/javascript" },
  "altcha.css": { file: path.join(altchaDist, "external/altcha.css"), type: "text/css" },
  "altcha-sha-worker.js": { file: path.join(altchaDist, "workers/sha.js"), type: "text/javascript" },
  "altcha-fr.js": { file: path.join(altchaDist, "i18n/fr-fr.js"), type: "text/javascript" },
};

export function registerSignupAssets(app: FastifyInstance): void {
  for (const [name, asset] of Object.entries(assets)) {
    const body = fs.readFileSync(asset.file);
    app.get(`/signup/assets/${name}`, async (_request, reply) =>
      reply.type(`${asset.type}; charset=utf-8`).header("cache-control", "public, max-age=3600").send(body),
    );
  }
}
