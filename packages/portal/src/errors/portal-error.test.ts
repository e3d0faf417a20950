import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { translate } from "../i18n/messages";
import { PortalError } from "./portal-error";

describe("the portal's errors name keys of its catalogue", () => {
  it("a known key is read in both languages", () => {
    const error = new PortalError(404, "dossier.notFound");
    assert.equal(error.statusCode, 404);
    assert.notEqual(translate("fr")(error.messageKey), translate("en")(error.messageKey));
  });

  it("a mistyped key does not compile", () => {
    // @ts-expect-error: "dossier.notFund" is not a key of the portal catalogue (tsc fails if it were accepted).
    const typo = new PortalError(404, "dossier.notFund");
    assert.equal(typo.messageKey, "dossier.notFund");
  });
});
