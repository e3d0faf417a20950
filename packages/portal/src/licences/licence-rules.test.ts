import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { apiFailure, backoffMs, hasResellerApi, localStatus, tokenFailure } from "./licence-rules";

describe("what a failed licence request sending means", () => {
  it("an AADSTS refusal of the token endpoint is final, with the reason the staff can act on", () => {
    const refusal = (code: number) =>
      tokenFailure(400, {
        error: "invalid_client",
        error_codes: [code],
        error_description: `AADSTS${code}: …`,
      });
    assert.deepEqual(
      [7000215, 700016, 65001, 50034].map((c) => {
        const r = refusal(c);
        return r.kind === "refused" ? r.reason : r.kind;
      }),
      ["secret", "noApp", "noConsent", "token"],
    );
    const described = tokenFailure(401, {
      error_description: "AADSTS7000215: Invalid client secret provided.",
    });
    assert.equal(described.kind === "refused" && described.reason, "secret");
  });

  it("an identity that is down, overloaded or slow is tried again", () => {
    for (const status of [500, 502, 503, 408, 429]) {
      assert.equal(tokenFailure(status, {}).kind, "retry");
      assert.equal(apiFailure(status, {}).kind, "retry");
    }
  });

  it("the reseller API refusing the input or the firm is final", () => {
    const input = apiFailure(400, { error: { message: "skuPartNumber: unknown product X" } });
    assert.equal(input.kind === "refused" && input.reason, "input");
    assert.match(input.error, /unknown product X/);
    for (const status of [403, 404, 409]) {
      const r = apiFailure(status, {});
      assert.equal(r.kind === "refused" && r.reason, "access");
    }
  });

  it("waits longer after each failure, up to ten minutes", () => {
    assert.ok(backoffMs(2) > backoffMs(1));
    assert.equal(backoffMs(30), 10 * 60 * 1000);
  });

  it("reads identity's statuses, and sends nothing to real Microsoft", () => {
    assert.deepEqual((["received", "fulfilled", "declined"] as const).map(localStatus), [
      "sent",
      "fulfilled",
      "rejected",
    ]);
    assert.equal(hasResellerApi("https://login.microsoftonline.com"), false);
    assert.equal(hasResellerApi("https://localhost:8443"), true);
  });
});
