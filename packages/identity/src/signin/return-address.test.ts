import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { returnWithSid } from "./return-address";

describe("return address with the session id", () => {
  it("appends sid with ? or & as the return address needs", () => {
    assert.equal(returnWithSid("/oauth2/resume", "s1"), "/oauth2/resume?sid=s1");
    assert.equal(
      returnWithSid("/common/oauth2/v2.0/authorize?x=1", "s1"),
      "/common/oauth2/v2.0/authorize?x=1&sid=s1",
    );
    assert.equal(returnWithSid("/a?x=1#frag", "s1"), "/a?x=1&sid=s1#frag");
  });

  it("sends anything that is not a local path to the account page", () => {
    for (const attempt of [
      "//evil.example/x",
      "https://evil.example/",
      "/\\evil.example",
      "/\t/evil.example",
      "javascript:alert(1)",
    ]) {
      assert.equal(returnWithSid(attempt, "s1"), "/account?sid=s1", attempt);
    }
    assert.equal(returnWithSid(undefined, "s1"), "/account?sid=s1");
  });
});
