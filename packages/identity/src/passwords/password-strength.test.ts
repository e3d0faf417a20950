import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { passwordProblem } from "./password-policy";
import { estimateStrength } from "./password-strength";

const policy = { minLength: 8, maxLength: 256 };

describe("password strength, loaded on first use", () => {
  it("judges the first checks, made at once before the dictionaries are loaded, like any later one", async () => {
    const [common, weak, strong, score] = await Promise.all([
      passwordProblem("password123", policy, { email: "x@example.com" }),
      passwordProblem("azertyuiop", policy, { email: "x@example.com" }),
      passwordProblem("Tournesol-Quai-47", policy, { email: "x@example.com" }),
      estimateStrength("motdepasse", []),
    ]);
    assert.equal(common, "common");
    assert.equal(weak, "weak");
    assert.equal(strong, undefined);
    assert.ok(score.score < 3);
    assert.equal(await passwordProblem("motdepasse", policy, { email: "x@example.com" }), "common");
  });

  it("judges a long password by its first 64 characters, so no input holds the server for long", async () => {
    // zxcvbn-ts read 256 characters: one password of l33t symbols cost 1.8 s of the event loop.
    const weakStart = `${"a".repeat(64)}Xk9#mQ2$vLp7`;
    assert.equal(await passwordProblem(weakStart, policy, { email: "x@example.com" }), "weak");
    assert.equal(
      await passwordProblem(`Tournesol-Quai-47-${"a".repeat(200)}`, policy, { email: "x@example.com" }),
      undefined,
    );
  });

  it("still refuses common passwords written with l33t substitutions", async () => {
    for (const password of ["p@$$w0rd123!", "P@ssw0rd!2024", "@dm1n1str@t3ur", "M0td3P@$$e", "1l0v3y0u!!"])
      assert.notEqual(
        await passwordProblem(password, policy, { email: "x@example.com" }),
        undefined,
        password,
      );
  });
});
