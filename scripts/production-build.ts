/**
 * What `npm run build` gives esbuild (scripts/build.ts), shared with the test that reads the bundles'
 * start-up imports (scripts/start-imports.test.ts). Each entry (both servers and the CLI) becomes one
 * ES module in dist/ with the workspace code and every npm package it imports at start bundled in:
 * resolving, reading and translating a few hundred files from node_modules was about half of a
 * start's CPU (docs/performance.md, item 13). What a service loads at first use (`import()`) and the
 * native modules load from node_modules as usual.
 */
import path from "node:path";
import type { BuildOptions, Plugin } from "esbuild";

export const root = path.resolve(import.meta.dirname, "..");
export const dist = path.join(root, "dist");

/** Native addons (a `.node` file esbuild cannot bundle, found through the package's own paths). */
const nativePackages = new Set(["better-sqlite3", "@node-rs/argon2"]);

const packageName = (specifier: string): string =>
  specifier
    .split("/")
    .slice(0, specifier.startsWith("@") ? 2 : 1)
    .join("/");

/**
 * A package our code imports with `import()` stays a runtime import, so that it still loads at first
 * use only (and the start-up test sees it); so do native addons. Every other package is bundled,
 * with what a bundled package itself imports lazily (resolved from its own folder, as Node would).
 */
const firstUseAndNativeExternal: Plugin = {
  name: "first-use-and-native-external",
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, (args) =>
      (args.kind === "dynamic-import" && !args.importer.includes("/node_modules/")) ||
      nativePackages.has(packageName(args.path))
        ? { external: true }
        : undefined,
    );
  },
};

/**
 * CommonJS packages bundled into an ES module still `require` Node's built-in modules: esbuild's
 * shim calls the `require` in scope, which an ES module does not have.
 */
const requireInScope = `import { createRequire as __sesameCreateRequire } from "node:module";
const require = __sesameCreateRequire(import.meta.url);`;

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
  plugins: [firstUseAndNativeExternal],
  banner: { js: requireInScope },
  define: { SESAME_BUILT_ASSETS: JSON.stringify("./assets") },
  logLevel: "warning",
};
