import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isValidSiren, isValidSiret } from "./siren";

describe("SIREN and SIRET numbers", () => {
  it("accepts real SIRENs, with or without spaces", () => {
    assert.ok(isValidSiren("732829320"));
    assert.ok(isValidSiren("552 100 554"));
    assert.ok(isValidSiren("356000000"));
  });

  it("refuses a wrong key, a wrong length or letters", () => {
    assert.ok(!isValidSiren("732829321"));
    assert.ok(!isValidSiren("73282932"));
    assert.ok(!isValidSiren("7328293200"));
    assert.ok(!isValidSiren("73282932A"));
  });

  it("accepts a SIRET whose Luhn key is right and refuses one whose key is wrong", () => {
    assert.ok(isValidSiret("73282932000074"));
    assert.ok(!isValidSiret("73282932000075"));
    assert.ok(!isValidSiret("7328293200007"));
  });

  it("accepts La Poste establishments whose digits add up to a multiple of 5, even when Luhn fails", () => {
    assert.ok(isValidSiret("35600000000048"));
    assert.ok(isValidSiret("35600000049837"));
    assert.ok(isValidSiret("35600000052135"));
    assert.ok(!isValidSiret("35600000049838"));
  });
});
