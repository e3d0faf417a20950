import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { runCli } from "../cli";
import { type IdentityConfig, loadIdentityConfig } from "../config";

describe("the command line is parsed by node:util parseArgs and each command's flag schema", () => {
  let config: IdentityConfig;
  before(async () => {
    const [target] = await testTargets();
    if (!target) throw new Error("no storage target");
    config = loadIdentityConfig({
      SESAME_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "sesame-cli-line-")),
      DATABASE_URL: await target.freshUrl(),
      SESAME_LOG_LEVEL: "silent",
    });
  });
  async function sesame(...argv: string[]) {
    let out = "";
    const code = await runCli(argv, config, (text) => {
      out += text;
    });
    return { code, out };
  }

  it("refuses a flag the command does not take, in one line, instead of ignoring it", async () => {
    const result = await sesame("tenant", "list", "--colour", "red");
    assert.equal(result.code, 2);
    assert.equal(result.out, "error: unknown option --colour");
  });

  it("says which flag lacks its value", async () => {
    const result = await sesame("tenant", "create", "Boucherie", "--country");
    assert.equal(result.code, 2);
    assert.equal(result.out, "error: --country needs a value");
  });

  it("accepts --name=value as well as --name value, and --json anywhere", async () => {
    const created = await sesame(
      "tenant",
      "create",
      "--json",
      "Boucherie Test",
      "--country=FR",
      "--prefix",
      "boucherietest",
    );
    assert.equal(created.code, 0, created.out);
    assert.equal(JSON.parse(created.out).initialDomain, "boucherietest.onmicrosoft.com");
  });
});
