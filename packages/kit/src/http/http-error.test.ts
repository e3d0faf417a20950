import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { HttpError } from "./http-error";

describe("an error's message key belongs to a catalogue", () => {
  it("takes kit's keys, and a mistyped key does not compile", () => {
    const known = new HttpError(400, "error.badRequest");
    assert.equal(known.messageKey, "error.badRequest");
    // @ts-expect-error "error.badRequets" is not a key of kit's catalogue
    const mistyped = new HttpError(400, "error.badRequets");
    assert.equal(mistyped.statusCode, 400);
  });

  it("takes a service's keys when the service names its catalogue", () => {
    type ServiceKey = "service.error.refused";
    const refused = new HttpError<ServiceKey>(409, "service.error.refused");
    assert.equal(refused.messageKey, "service.error.refused");
    // @ts-expect-error a key of no catalogue
    new HttpError<ServiceKey>(409, "service.error.unknown");
  });
});
