import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { commonConfigSchema } from "./common-config";
import { ConfigError, loadConfig } from "./load-config";

describe("configuration", () => {
  it("uses the embedded defaults on an empty environment", () => {
    const config = loadConfig(commonConfigSchema, {});
    assert.equal(config.SESAME_IDENTITY_PORT, 8443);
    assert.equal(config.SESAME_PORTAL_PORT, 8444);
    assert.equal(config.SESAME_PUBLIC_HOST, "localhost");
    assert.equal(config.DATABASE_URL, undefined);
    assert.equal(config.SQLITE_SYNCHRONOUS, "normal");
  });

  it("takes SQLITE_SYNCHRONOUS full or normal, and refuses anything else by name", () => {
    assert.equal(loadConfig(commonConfigSchema, { SQLITE_SYNCHRONOUS: "full" }).SQLITE_SYNCHRONOUS, "full");
    assert.throws(
      () => loadConfig(commonConfigSchema, { SQLITE_SYNCHRONOUS: "off" }),
      /SQLITE_SYNCHRONOUS="off": must be full or normal/,
    );
  });

  it("reports every mistake on its own line, naming the variable and the value", () => {
    assert.throws(
      () =>
        loadConfig(commonConfigSchema, {
          SESAME_IDENTITY_PORT: "http",
          DATABASE_URL: "mysql://x",
          REDIS_URL: "x",
        }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.equal(error.problems.length, 3);
        assert.match(error.message, /SESAME_IDENTITY_PORT="http": must be a port number/);
        assert.match(error.message, /DATABASE_URL="mysql:\/\/x": must be sqlite/);
        return true;
      },
    );
  });
});
