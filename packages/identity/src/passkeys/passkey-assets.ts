import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { assetDir } from "@sesame/kit/ui/asset-dir";
import { html, type SafeHtml } from "@sesame/kit/ui/html";
import type { FastifyInstance } from "fastify";

const require = createRequire(import.meta.url);
// "@simplewebauthn/browser" resolves to script/index.js for require(); the UMD build is in dist/bundle.
const browserBundle = path.resolve(
  path.dirname(require.resolve("@simplewebauthn/browser")),
  "../dist/bundle/index.umd.min.js",
);

/**
 * The passkey buttons' scripts, served from this origin so the CSP stays 'self' + nonce: the
 * @simplewebauthn/browser UMD bundle from node_modules, and our own small script.
 */
const assets: Record<string, string> = {
  "webauthn.js": browserBundle,
  "passkeys.js": new URL("passkeys.js", assetDir("passkeys", new URL("./assets/", import.meta.url))).pathname,
};

export function registerPasskeyAssets(app: FastifyInstance): void {
  for (const [name, file] of Object.entries(assets)) {
    const body = fs.readFileSync(file);
    app.get(`/passkeys/assets/${name}`, async (_request, reply) =>
      reply.type("text/javascript; charset=utf-8").header("cache-control", "public, max-age=3600").send(body),
    );
  }
}

/** The script tags a page with passkey buttons adds. */
export const passkeyScripts = (nonce: string): SafeHtml =>
  html`<script src="/passkeys/assets/webauthn.js" defer nonce="${nonce}"></script>
<script src="/passkeys/assets/passkeys.js" defer nonce="${nonce}"></script>`;
