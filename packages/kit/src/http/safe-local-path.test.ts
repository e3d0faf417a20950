import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { safeLocalPath } from "./create-app";

describe("return addresses", () => {
  it("follows a path on this site", () => {
    assert.equal(safeLocalPath("/account?x=1#top"), "/account?x=1#top");
  });
  it("never follows another site, however it is disguised", () => {
    for (const attempt of [
      "//evil.example",
      "https://evil.example",
      "/\\evil.example",
      "/\t/evil.example",
      "/\n/evil",
      "evil",
      42,
    ]) {
      assert.equal(safeLocalPath(attempt), "/", String(attempt));
    }
  });
});
