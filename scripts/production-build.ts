/**
 * What `npm run build` gives esbuild (scripts/build.ts), shared with the test that reads the bundles'
 * start-up imports (scripts/start-imports.test.ts). Each entry (both servers and the CLI) becomes one
 * ES module in dist/ with the workspace code bundled and every npm dependency left external (native
 * modules such as better-sqlite3 and @node-rs/argon2 load from node_modules as usual).
 */
import path from "node:path";
import type { BuildOptions, Plugin } from "esbuild";

export const root = path.resolve(import.meta.dirname, "..");
export const dist = path.join(root, "dist");

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

export const entries = {
  identity: "packages/identity/src/serve.ts",
  portal: "packages/portal/src/serve.ts",
  sesame: "packages/identity/src/cli.ts",
};

export const productionBuild: BuildOptions = {
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
};
