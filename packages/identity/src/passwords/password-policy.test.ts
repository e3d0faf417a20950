import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { passwordProblem } from "./password-policy";

const policy = { minLength: 8, maxLength: 256 };
const person = { email: "client.collaboratif@gmail.com", names: ["Camille", "Durand"] };

describe("password policy", () => {
  it("refuses a password shorter than the configured minimum", async () => {
    assert.equal(await passwordProblem("Xq7-Lum", policy, person), "tooShort");
    assert.equal(await passwordProblem("zq7-Lumen-Vase", { ...policy, minLength: 16 }, person), "tooShort");
  });

  it("counts characters, not bytes, after NFC normalisation", async () => {
    // "é" typed as e + combining accent is one character once normalised.
    assert.equal(await passwordProblem("Kze\u0301v9!q", policy, person), "tooShort");
  });

  it("refuses a password built from the email address or the person's names", async () => {
    assert.equal(await passwordProblem("client.collaboratif2024", policy, person), "personal");
    assert.equal(await passwordProblem("Collaboratif!!77", policy, person), "personal");
    assert.equal(await passwordProblem("durand-quai-4471", policy, person), "personal");
  });

  it("refuses a known common or breached password", async () => {
    assert.equal(await passwordProblem("password123", policy, person), "common");
    assert.equal(await passwordProblem("motdepasse", policy, person), "common");
  });

  it("refuses l33t spellings of common passwords and of the person's own words", async () => {
    for (const password of ["p@ssw0rd", "P@$$w0rd1", "m0tdep@sse", "M0tD3P4ss3", "4z3rty123", "1l0v3y0u!"])
      assert.equal(await passwordProblem(password, policy, person), "common", password);
    assert.equal(await passwordProblem("c0ll4b0r4t1f!", policy, person), "personal");
    assert.equal(await passwordProblem("Dur4nd-2024", policy, person), "personal");
    assert.equal(await passwordProblem("s0l31l2024", policy, person), "weak");
    assert.equal(await passwordProblem("Dr4g0n!!", policy, person), "weak");
  });

  it("refuses an easily guessed password that is not in the lists as such", async () => {
    assert.equal(await passwordProblem("azertyuiop", policy, person), "weak");
    assert.equal(await passwordProblem("soleil2024", policy, person), "weak");
  });

  it("accepts a long, unusual password with no composition rules", async () => {
    assert.equal(await passwordProblem("Tournesol-Quai-47", policy, person), undefined);
    assert.equal(await passwordProblem("zq7 lumen vase orbite", policy, person), undefined);
  });
});
