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

  it("lets a lost refresh response be retried for 30 s by default, 0 disabling it, at most 5 minutes", () => {
    assert.equal(loadIdentityConfig({}).SESAME_REFRESH_REUSE_GRACE_SECONDS, 30);
    assert.equal(
      loadIdentityConfig({ SESAME_REFRESH_REUSE_GRACE_SECONDS: "0" }).SESAME_REFRESH_REUSE_GRACE_SECONDS,
      0,
    );
    for (const bad of ["-1", "301", "soon"]) {
      assert.throws(
        () => loadIdentityConfig({ SESAME_REFRESH_REUSE_GRACE_SECONDS: bad }),
        (error: unknown) =>
          error instanceof ConfigError && /SESAME_REFRESH_REUSE_GRACE_SECONDS/.test(error.message),
      );
    }
  });
});
