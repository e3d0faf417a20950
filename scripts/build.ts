/**
 * `npm run build`: the production build (scripts/production-build.ts says what esbuild makes of each
 * entry); the browser files each feature serves are copied to dist/assets/<name>/. No TypeScript
 * compiler runs in production.
 */
import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { dist, entries, productionBuild, root } from "./production-build";

const assets = {
  kit: "packages/kit/src/ui/assets",
  signup: "packages/identity/src/signup/assets",
  readiness: "packages/portal/src/readiness/assets",
  documents: "packages/portal/src/documents/assets",
  passkeys: "packages/identity/src/passkeys/assets",
};

fs.rmSync(dist, { recursive: true, force: true });
await build(productionBuild);
for (const [name, dir] of Object.entries(assets)) {
  fs.cpSync(path.join(root, dir), path.join(dist, "assets", name), { recursive: true });
}
process.stdout.write(
  `built ${Object.keys(entries)
    .map((e) => `dist/${e}.js`)
    .join(", ")}\n`,
);
