import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { type IdentityHarness, startTestIdentity } from "../testing/identity-harness";
import { codeKey } from "./code-key";
import { defaultCodeRules, issueCode, verifyCode } from "./codes";

for (const target of await testTargets()) {
  describe(`emailed codes in the database (${target.label})`, () => {
    let h: IdentityHarness;
    const rules = defaultCodeRules(6);
    let key: Buffer;
    before(async () => {
      h = await startTestIdentity(target);
      key = codeKey(h.identity.ctx.config);
    });
    after(() => h.close());

    async function issue(address: string, subject: string) {
      let code = "";
      const sent = await issueCode(
        { db: h.identity.ctx.db, counters: h.identity.ctx.counters, rules, key },
        {
          purpose: "password-reset",
          address,
          subject,
          mail: (c) => {
            code = c;
            return { to: address, from: "no-reply@sesame.localhost", subject: "Code", text: c, html: c };
          },
        },
      );
      return { sent, code };
    }

    it("accepts a code once, even when it is submitted several times at the same moment", async () => {
      const { sent, code } = await issue("once@example.org", "account-1");
      assert.equal(sent.ok, true);
      const target = {
        purpose: "password-reset" as const,
        address: "once@example.org",
        subject: "account-1",
        code,
      };
      const results = await Promise.all(
        Array.from({ length: 5 }, () => verifyCode({ db: h.identity.ctx.db, rules, key }, target)),
      );
      assert.equal(results.filter((r) => r.ok).length, 1);
      assert.deepEqual(await verifyCode({ db: h.identity.ctx.db, rules, key }, target), {
        ok: false,
        reason: "missing",
      });
    });

    it("stores the code only as a salted hash and queues its mail with it", async () => {
      const { code } = await issue("hashed@example.org", "account-2");
      const row = await h.identity.ctx.db
        .selectFrom("email_code")
        .selectAll()
        .where("address", "=", "hashed@example.org")
        .executeTakeFirstOrThrow();
      assert.ok(!JSON.stringify(row).includes(code));
      const mail = await h.identity.ctx.db
        .selectFrom("mail_outbox")
        .selectAll()
        .where("to_address", "=", "hashed@example.org")
        .execute();
      assert.equal(mail.length, 1);
    });

    it("only counts the newest code of a subject", async () => {
      const first = await issue("newest@example.org", "account-3");
      await h.identity.ctx.db
        .updateTable("email_code")
        .set({ created_at: Date.now() - 61_000 })
        .where("address", "=", "newest@example.org")
        .execute();
      const second = await issue("newest@example.org", "account-3");
      assert.equal(second.sent.ok, true);
      const base = {
        purpose: "password-reset" as const,
        address: "newest@example.org",
        subject: "account-3",
      };
      if (first.code !== second.code) {
        assert.equal(
          (await verifyCode({ db: h.identity.ctx.db, rules, key }, { ...base, code: first.code })).ok,
          false,
        );
      }
      assert.equal(
        (await verifyCode({ db: h.identity.ctx.db, rules, key }, { ...base, code: second.code })).ok,
        true,
      );
    });

    it("mails at most 10 codes per address per day", async () => {
      const address = "daily@example.org";
      for (let i = 0; i < 10; i++) {
        assert.equal((await issue(address, `s${i}`)).sent.ok, true, `code ${i + 1}`);
        await h.identity.ctx.db
          .updateTable("email_code")
          .set((eb) => ({ created_at: eb("created_at", "-", 61_000) }))
          .where("address", "=", address)
          .execute();
      }
      const eleventh = await issue(address, "s10");
      assert.deepEqual(eleventh.sent, { ok: false, reason: "dailyLimit" });
    });
  });
}
