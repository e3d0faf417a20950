import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { demoPersonalAccount, seedIdentityDemo } from "../demo/demo-data";
import { type IdentityHarness, startTestIdentity } from "../testing/identity-harness";

/** Small limits so the test reaches them quickly; the defaults are larger (config.ts). */
const limits = { SESAME_LOOKUP_LIMIT_PER_SOURCE: "5", SESAME_LOOKUP_LIMIT_PER_USERNAME: "3" };

for (const target of await testTargets()) {
  describe(`GetCredentialType against user enumeration (${target.label})`, () => {
    let h: IdentityHarness;
    before(async () => {
      h = await startTestIdentity(target, { env: limits });
      await seedIdentityDemo(h.identity.ctx);
    });
    after(() => h.close());

    const lookUp = async (Username: string, remoteAddress: string) => {
      const r = await h.app.inject({
        method: "POST",
        url: "/common/GetCredentialType",
        payload: { Username },
        remoteAddress,
      });
      assert.equal(r.statusCode, 200);
      return r.json();
    };

    it("stops answering whether accounts exist to one source past its limit", async () => {
      const source = "203.0.113.10";
      for (let i = 0; i < 5; i++) {
        const answer = await lookUp(`person${i}@outlook.fr`, source);
        assert.equal(answer.ThrottleStatus, 0);
        assert.equal(answer.IfExistsResult, 1);
      }
      const throttled = await lookUp(demoPersonalAccount.email, source);
      assert.equal(throttled.ThrottleStatus, 1);
      assert.equal(throttled.IfExistsResult, undefined, "existence withheld");
      assert.equal(throttled.Credentials, undefined, "credentials withheld");
      const elsewhere = await lookUp(demoPersonalAccount.email, "198.51.100.20");
      assert.equal(elsewhere.ThrottleStatus, 0, "another source is not affected");
      assert.equal(elsewhere.IfExistsResult, 5);
    });

    it("stops answering about one username looked up from many sources past its limit", async () => {
      const username = "target.person@outlook.fr";
      for (let i = 0; i < 3; i++) {
        assert.equal((await lookUp(username, `192.0.2.${i + 1}`)).ThrottleStatus, 0);
      }
      const throttled = await lookUp(username.toUpperCase(), "192.0.2.50");
      assert.equal(throttled.ThrottleStatus, 1);
      assert.equal(throttled.IfExistsResult, undefined);
      assert.equal((await lookUp("other.person@outlook.fr", "192.0.2.51")).ThrottleStatus, 0);
    });
  });
}
