import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkBody, messageExcerpt } from "../messages/message-rules";
import { checkComment, newerThanApproved, signedInAfter } from "./approval-rules";

describe("approval and message rules", () => {
  it("a fresh sign-in is one whose auth_time (seconds) is not before the start (ms)", () => {
    const started = 1_700_000_000_500;
    assert.equal(signedInAfter(1_700_000_000, started), true, "same second: auth_time is rounded down");
    assert.equal(signedInAfter(1_700_000_042, started), true);
    assert.equal(signedInAfter(1_699_999_999, started), false, "a session from before the request");
    assert.equal(signedInAfter(undefined, started), false, "no auth_time: not proved");
    assert.equal(signedInAfter("1700000042", started), false);
  });

  it("a refusal needs a reason; comments stay short", () => {
    assert.deepEqual(checkComment("approved", undefined), { comment: "" });
    assert.deepEqual(checkComment("refused", "  "), { problem: "approval.error.comment" });
    assert.deepEqual(checkComment("refused", " Chiffres faux\r\n "), { comment: "Chiffres faux" });
    assert.deepEqual(checkComment("approved", "x".repeat(2001)), { problem: "approval.error.tooLong" });
  });

  it("only an approved request with a newer version is 'not approved'", () => {
    assert.equal(newerThanApproved({ status: "approved", version_number: 1 }, 2), true);
    assert.equal(newerThanApproved({ status: "approved", version_number: 2 }, 2), false);
    assert.equal(newerThanApproved({ status: "pending", version_number: 1 }, 2), false);
  });

  it("a message has text or attachments; its trail line is its first words", () => {
    assert.deepEqual(checkBody("  \r\n ", 0), { problem: "message.error.empty" });
    assert.deepEqual(checkBody("", 1), { body: "" });
    assert.deepEqual(checkBody("a\r\nb", 0), { body: "a\nb" });
    assert.equal(messageExcerpt("", [{ name: "a.pdf" }, { name: "b.png" }]), "a.pdf, b.png");
    assert.equal(messageExcerpt("x ".repeat(50), []).length, 60);
  });
});
