import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { type IdentityHarness, startTestIdentity } from "../testing/identity-harness";
import { codeKey } from "./code-key";
import { defaultCodeRules, issueCode, verifyCode } from "./codes";

for (const target of await testTargets()) {
  describe(`emailed codes keyed on the server (${target.label})`, () => {
    let h: IdentityHarness;
    const rules = defaultCodeRules(6);
    before(async () => {
      h = await startTestIdentity(target);
    });
    after(() => h.close());

    it("stores a value a stolen database alone cannot reproduce, and the code still verifies", async () => {
      const { db, counters, config } = h.identity.ctx;
      const key = codeKey(config);
      let code = "";
      const target = {
        purpose: "password-reset" as const,
        address: "keyed@example.org",
        subject: "account-k",
      };
      const sent = await issueCode(
        { db, counters, rules, key },
        {
          ...target,
          mail: (c) => {
            code = c;
            return {
              to: target.address,
              from: "no-reply@sesame.localhost",
              subject: "Code",
              text: c,
              html: c,
            };
          },
        },
      );
      assert.equal(sent.ok, true);
      const row = await db
        .selectFrom("email_code")
        .selectAll()
        .where("address", "=", target.address)
        .executeTakeFirstOrThrow();
      const fromRowAlone = createHmac("sha256", row.salt).update(code).digest("base64url");
      assert.notEqual(row.code_hash, fromRowAlone, "the salt beside the hash is not enough to test a guess");
      assert.deepEqual(await verifyCode({ db, rules, key }, { ...target, code }), { ok: true });
    });
  });
}
