/**
 * `npm run build`: the production build. Each entry (both servers and the CLI) becomes one ES module
 * in dist/ with the workspace code bundled and every npm dependency left external (native modules
 * such as better-sqlite3 and @node-rs/argon2 load from node_modules as usual); the browser files
 * each feature serves are copied to dist/assets/<name>/. No TypeScript compiler runs in production.
 */
import fs from "node:fs";
import path from "node:path";
import { build, type Plugin } from "esbuild";

const root = path.resolve(import.meta.dirname, "..");
const dist = path.join(root, "dist");

/**
 * Every bare import stays a runtime import, except the workspace's own @sesame/* code and JSON data
 * files (Node would need an import attribute for those; bundled, they are plain objects).
 */
const npmDependenciesExternal: Plugin = {
  name: "npm-dependencies-external",
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith("@sesame/") || args.path.endsWith(".json") ? undefined : { external: true },
    );
  },
};

const entries = {
  identity: "packages/identity/src/serve.ts",
  portal: "packages/portal/src/serve.ts",
  sesame: "packages/identity/src/cli.ts",
};
const assets = {
  kit: "packages/kit/src/ui/assets",
  signup: "packages/identity/src/signup/assets",
  readiness: "packages/portal/src/readiness/assets",
  documents: "packages/portal/src/documents/assets",
  passkeys: "packages/identity/src/passkeys/assets",
};

fs.rmSync(dist, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: entries,
  outdir: dist,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  plugins: [npmDependenciesExternal],
  define: { SESAME_BUILT_ASSETS: JSON.stringify("./assets") },
  logLevel: "warning",
});
for (const [name, dir] of Object.entries(assets)) {
  fs.cpSync(path.join(root, dir), path.join(dist, "assets", name), { recursive: true });
}
process.stdout.write(
  `built ${Object.keys(entries)
    .map((e) => `dist/${e}.js`)
    .join(", ")}\n`,
);
