import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CONSUMER_TENANT_ID } from "../readiness/readiness-rules";
import { wayIn } from "./guest-access-rules";
import { graphRoot } from "./guest-graph-client";

const FIRM = "3f6b1d2e-0000-4000-8000-00000000f1f1";

describe("guest access rules", () => {
  it("tells the firm how a signed-in contact came in", () => {
    const guest = { tenant_id: FIRM, object_id: "g-1" };
    assert.equal(wayIn({ tid: null, oid: null }, guest), undefined);
    assert.equal(wayIn({ tid: FIRM, oid: "g-1" }, guest), "guest");
    assert.equal(wayIn({ tid: CONSUMER_TENANT_ID, oid: "p-1" }, guest), "personal");
    assert.equal(wayIn({ tid: CONSUMER_TENANT_ID, oid: "p-1" }, undefined), "personal");
    assert.equal(wayIn({ tid: "a1b2c3d4-0000-4000-8000-000000000001", oid: "w-1" }, undefined), "work");
  });

  it("calls Microsoft Graph against Entra ID and identity's own Graph otherwise", () => {
    assert.equal(graphRoot("https://login.microsoftonline.com"), "https://graph.microsoft.com/v1.0");
    assert.equal(graphRoot("https://localhost:8443"), "https://localhost:8443/v1.0");
  });
});
