import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { commonConfigSchema } from "./common-config";
import { loadConfig } from "./load-config";
import { commonRefusals, refuseUnsafeProduction } from "./production-refusals";

const secret = "s".repeat(48);

describe("production refuses development conveniences", () => {
  it("lets development start on the embedded defaults", () => {
    const config = loadConfig(commonConfigSchema, { SESAME_DEV_MAILBOX: "1" });
    assert.doesNotThrow(() => refuseUnsafeProduction(config, commonRefusals(config, { seed: true })));
  });

  it("says in one line each what production refuses", () => {
    const config = loadConfig(commonConfigSchema, { SESAME_ENV: "production", SESAME_DEV_MAILBOX: "1" });
    assert.throws(
      () => refuseUnsafeProduction(config, commonRefusals(config, { seed: true })),
      (error: Error & { problems: string[] }) => {
        assert.deepEqual(
          error.problems.map((line) => line.split(":")[0]),
          ["--seed", "SESAME_DEV_MAILBOX", "SMTP_URL", "SESAME_SECRET"],
        );
        return true;
      },
    );
  });

  it("starts once mail goes out by SMTP and the shared secret is given", () => {
    const config = loadConfig(commonConfigSchema, {
      SESAME_ENV: "production",
      SMTP_URL: "smtp://mail.example.fr:25",
      SESAME_SECRET: secret,
    });
    assert.doesNotThrow(() => refuseUnsafeProduction(config, commonRefusals(config, { seed: false })));
  });

  it("refuses an unknown environment name", () => {
    assert.throws(() => loadConfig(commonConfigSchema, { SESAME_ENV: "prod" }), /SESAME_ENV="prod"/);
  });
});
