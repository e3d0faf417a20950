import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { codeMatches, defaultCodeRules, hashCode, mayIssue, newCode, newSalt } from "./code-rules";

const rules = defaultCodeRules(6);
const key = Buffer.alloc(32, 3);

describe("emailed code rules", () => {
  it("makes codes of the configured number of digits, leading zeros included", () => {
    for (const length of [4, 6, 8]) {
      for (let i = 0; i < 50; i++) assert.match(newCode(length), new RegExp(`^\\d{${length}}$`));
    }
  });

  it("keeps only a salted hash that matches the code and nothing else", () => {
    const salt = newSalt();
    const stored = hashCode("042917", salt, key);
    assert.ok(!stored.includes("042917"));
    assert.notEqual(hashCode("042917", newSalt(), key), stored);
    assert.ok(codeMatches("042917", salt, stored, key));
    assert.ok(codeMatches(" 042917 ", salt, stored, key));
    assert.ok(!codeMatches("042918", salt, stored, key));
  });

  it("lives 10 minutes and burns after 5 wrong tries", () => {
    assert.equal(rules.ttlMs, 10 * 60 * 1000);
    assert.equal(rules.maxFailures, 5);
  });

  it("allows a new code at most every 60 seconds", () => {
    const now = 1_000_000;
    assert.deepEqual(mayIssue(rules, { lastIssuedAt: now - 59_000, issuedToday: 1 }, now), {
      ok: false,
      reason: "tooSoon",
      retryInSeconds: 1,
    });
    assert.deepEqual(mayIssue(rules, { lastIssuedAt: now - 60_000, issuedToday: 1 }, now), { ok: true });
    assert.deepEqual(mayIssue(rules, { lastIssuedAt: undefined, issuedToday: 0 }, now), { ok: true });
  });

  it("allows at most 10 codes per address per day", () => {
    assert.deepEqual(mayIssue(rules, { lastIssuedAt: 0, issuedToday: 10 }, 10_000_000), {
      ok: false,
      reason: "dailyLimit",
    });
    assert.deepEqual(mayIssue(rules, { lastIssuedAt: 0, issuedToday: 9 }, 10_000_000), { ok: true });
  });
});
