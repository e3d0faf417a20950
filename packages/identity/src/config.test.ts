import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ConfigError } from "@sesame/kit/config/load-config";
import { loadIdentityConfig } from "./config";

describe("identity's configuration", () => {
  it("gives authorization codes 60 s by default and accepts up to Entra's 10 minutes", () => {
    assert.equal(loadIdentityConfig({}).SESAME_AUTH_CODE_TTL_SECONDS, 60);
    assert.equal(
      loadIdentityConfig({ SESAME_AUTH_CODE_TTL_SECONDS: "600" }).SESAME_AUTH_CODE_TTL_SECONDS,
      600,
    );
    assert.throws(
      () => loadIdentityConfig({ SESAME_AUTH_CODE_TTL_SECONDS: "3600" }),
      (error: unknown) =>
        error instanceof ConfigError &&
        /SESAME_AUTH_CODE_TTL_SECONDS="3600": must be between 10 and 600 seconds/.test(error.message),
    );
  });
});
