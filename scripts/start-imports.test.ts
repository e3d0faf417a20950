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
/** Never imported at all: its Node entry registers ~80 languages (countries/countries.ts). */
const neverImported = ["i18n-iso-countries"];

const built = await build({
  ...productionBuild,
  write: false,
  metafile: true,
  sourcemap: false,
  logLevel: "silent",
});
const metafile = built.metafile as Metafile;

function externalImports(service: string) {
  const output = Object.entries(metafile.outputs).find(([file]) => file.endsWith(`dist/${service}.js`))?.[1];
  assert.ok(output, `no dist/${service}.js in the build`);
  const external = output.imports.filter((i) => i.external);
  return {
    atStart: new Set(external.filter((i) => i.kind === "import-statement").map((i) => i.path)),
    atFirstUse: new Set(external.filter((i) => i.kind === "dynamic-import").map((i) => i.path)),
  };
}

describe("what the production bundles import at start", () => {
  for (const [service, lazy] of Object.entries(loadedAtFirstUse)) {
    it(`dist/${service}.js loads its first-use packages with import(), not at start`, () => {
      const { atStart, atFirstUse } = externalImports(service);
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
        neverImported.filter((name) => atStart.has(name) || atFirstUse.has(name)),
        [],
      );
    });
  }
});
