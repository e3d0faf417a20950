import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { classifyAccount } from "./readiness-rules";

describe("account kind from Microsoft's discovery answers", () => {
  it("a managed or federated domain whose user exists is a work account", () => {
    assert.equal(classifyAccount({ NameSpaceType: "Managed" }, { IfExistsResult: 0 }), "work");
    assert.equal(classifyAccount({ NameSpaceType: "Federated" }, { IfExistsResult: 6 }), "work");
  });

  it("an address known outside organizations is a personal Microsoft account", () => {
    assert.equal(classifyAccount({ NameSpaceType: "Unknown" }, { IfExistsResult: 0 }), "personal");
    assert.equal(classifyAccount({ NameSpaceType: "Unknown" }, { IfExistsResult: 5 }), "personal");
    assert.equal(
      classifyAccount({ NameSpaceType: "Managed", DomainName: "live.com" }, { IfExistsResult: 0 }),
      "personal",
    );
  });

  it("an address nobody knows has no Microsoft account", () => {
    assert.equal(classifyAccount({ NameSpaceType: "Unknown" }, { IfExistsResult: 1 }), "none");
  });

  it("no such address in a domain an organization verified is 'not found there', not 'no account'", () => {
    assert.equal(classifyAccount({ NameSpaceType: "Managed" }, { IfExistsResult: 1 }), "not_found");
    assert.equal(
      classifyAccount({ NameSpaceType: "Managed", DomainName: "live.com" }, { IfExistsResult: 1 }),
      "none",
    );
  });

  it("a missing or throttled answer is unknown rather than a guess", () => {
    assert.equal(classifyAccount(undefined, { IfExistsResult: 0 }), "unknown");
    assert.equal(classifyAccount({ NameSpaceType: "Managed" }, undefined), "unknown");
    assert.equal(
      classifyAccount({ NameSpaceType: "Managed" }, { IfExistsResult: 0, ThrottleStatus: 2 }),
      "unknown",
    );
  });
});
