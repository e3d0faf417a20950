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
});
