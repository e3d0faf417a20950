import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { type IdentityHarness, startTestIdentity } from "../testing/identity-harness";

const [target] = await testTargets();
const mailbox = "/_dev/mail?to=camille.durand%40outlook.fr";

describe("the development mailbox is not public", () => {
  let plain: IdentityHarness;
  let flagged: IdentityHarness;
  before(async () => {
    // Started as an operator would without `npm start`: the embedded sink, but no development flag.
    plain = await startTestIdentity(target!, { env: { SESAME_DEV_MAILBOX: "" } });
    flagged = await startTestIdentity(target!, { env: { SESAME_DEV_MAILBOX: "1" } });
  });
  after(async () => {
    await plain.close();
    await flagged.close();
  });

  it("is not served without the development flag, even to this machine", async () => {
    const response = await plain.app.inject({ url: mailbox, remoteAddress: "127.0.0.1" });
    assert.equal(response.statusCode, 404);
  });

  it("with the flag, refuses a client from another machine and serves this one", async () => {
    const remote = await flagged.app.inject({ url: mailbox, remoteAddress: "203.0.113.7" });
    assert.equal(remote.statusCode, 404);
    assert.doesNotMatch(remote.body, /"subject"/);
    for (const loopback of ["127.0.0.1", "::1", "::ffff:127.0.0.1"]) {
      const local = await flagged.app.inject({ url: mailbox, remoteAddress: loopback });
      assert.equal(local.statusCode, 200, loopback);
    }
  });
});
