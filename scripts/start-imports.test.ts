/**
 * The production bundles (the very esbuild options of `npm run build`, built in memory) import at
 * start none of the packages a service loads at first use (docs/performance.md, "What was changed"):
 * a top-level `import … from "pdf-lib"` slipping back into a module would cost every start its load
 * time and memory again, and no other test would notice. Each of them must still be imported
 * somewhere, with `import()`, which also catches a rename that would leave this list checking nothing.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { build, type Metafile } from "esbuild";
import { productionBuild } from "./production-build";

/** What each server may load later; never at start. */
const loadedAtFirstUse = {
  identity: [
    "@peculiar/x509",
    "reflect-metadata",
    "@simplewebauthn/server",
    "ioredis",
    "qrcode",
    "mailparser",
    "smtp-server",
    "nodemailer",
    "@zxcvbn-ts/core",
    "@zxcvbn-ts/language-en",
    "pg",
  ],
  portal: [
    "@aws-sdk/client-s3",
    "@peculiar/x509",
    "reflect-metadata",
    "ioredis",
    "pdf-lib",
    "@tus/server",
    "@tus/file-store",
    "file-type",
    "nodemailer",
    "undici",
    "pg",
  ],
} as const;
/**
 * Never loaded at all: i18n-iso-countries' Node entry registers ~80 languages (countries/countries.ts
 * imports the package's browser entry, index.js, and registers two).
 */
const neverImported = ["i18n-iso-countries"];
const neverBundled = ["node_modules/i18n-iso-countries/entry-node.js"];

const built = await build({
  ...productionBuild,
  write: false,
  metafile: true,
  sourcemap: false,
  logLevel: "silent",
});
const metafile = built.metafile as Metafile;

/** The packages whose files esbuild put into the bundle (node_modules/<name>/…, scoped or not). */
function bundledPackages(inputs: readonly string[]): Set<string> {
  const names = inputs.flatMap((file) => {
    const match = /.*node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file);
    return match?.[1] ? [match[1]] : [];
  });
  return new Set(names);
}

/** A package is loaded at start when a top-level import names it or when it is bundled in (item 13). */
function externalImports(service: string) {
  const output = Object.entries(metafile.outputs).find(([file]) => file.endsWith(`dist/${service}.js`))?.[1];
  assert.ok(output, `no dist/${service}.js in the build`);
  const external = output.imports.filter((i) => i.external);
  const topLevel = external.filter((i) => i.kind === "import-statement").map((i) => i.path);
  return {
    atStart: new Set([...topLevel, ...bundledPackages(Object.keys(output.inputs))]),
    atFirstUse: new Set(external.filter((i) => i.kind === "dynamic-import").map((i) => i.path)),
    external: new Set(external.map((i) => i.path)),
    inputs: new Set(Object.keys(output.inputs)),
  };
}

describe("what the production bundles import at start", () => {
  for (const [service, lazy] of Object.entries(loadedAtFirstUse)) {
    it(`dist/${service}.js loads its first-use packages with import(), not at start`, () => {
      const { atStart, atFirstUse, external, inputs } = externalImports(service);
      assert.deepEqual(
        lazy.filter((name) => atStart.has(name)),
        [],
        "imported at start by a top-level import",
      );
      assert.deepEqual(
        lazy.filter((name) => !atFirstUse.has(name)),
        [],
        "no longer imported with import(): update this list",
      );
      assert.deepEqual(
        neverImported.filter((name) => external.has(name)),
        [],
      );
      assert.deepEqual(
        neverBundled.filter((file) => inputs.has(file)),
        [],
      );
    });
  }
});
