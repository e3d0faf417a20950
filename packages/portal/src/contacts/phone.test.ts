import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { normalizePhone } from "./phone";

describe("phone numbers", () => {
  it("accepts the usual French ways of writing a number and stores it as E.164", () => {
    for (const written of [
      "06 12 34 56 78",
      "06.12.34.56.78",
      "0612345678",
      "+33 6 12 34 56 78",
      "0033612345678",
      "+33 (0)6 12 34 56 78",
    ]) {
      assert.equal(normalizePhone(written), "+33612345678", written);
    }
    assert.equal(normalizePhone("01-23-45-67-89"), "+33123456789");
  });

  it("keeps a foreign number written with its country code", () => {
    assert.equal(normalizePhone("+44 20 7946 0958"), "+442079460958");
  });

  it("refuses what is not a phone number", () => {
    for (const written of ["12345", "06 12 34 56", "+33 6 12 34 56 78 9", "bonjour", "00 12 34 56 78"]) {
      assert.equal(normalizePhone(written), undefined, written);
    }
  });
});
