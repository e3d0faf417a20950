import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { demoPersonalAccount, seedIdentityDemo } from "../demo/demo-data";
import { signIn } from "../tenants/directory-test-support";
import { Browser, type IdentityHarness, startTestIdentity } from "../testing/identity-harness";
import { storeReceivedMail } from "./mailbox-store";

for (const target of await testTargets()) {
  describe(`the platform mailbox: read and delete one's own mail (${target.label})`, () => {
    let h: IdentityHarness;
    before(async () => {
      h = await startTestIdentity(target);
      await seedIdentityDemo(h.identity.ctx);
    });
    after(() => h.close());

    const deliver = (to: string, subject: string) =>
      storeReceivedMail(h.identity.ctx.db, {
        messageId: `<${subject.replace(/\W/g, "")}@test>`,
        from: "cabinet@ypn-expertise.fr",
        to: [to],
        subject,
        text: `Corps : ${subject}`,
        html: "",
        date: Date.now(),
      });
    const idOf = async (subject: string) =>
      (
        await h.identity.ctx.db
          .selectFrom("mailbox_message")
          .select("id")
          .where("subject", "=", subject)
          .executeTakeFirst()
      )?.id;

    it("lists the owner's messages, deletes one, and never another address's", async () => {
      await deliver(demoPersonalAccount.email, "Relevés bancaires de mars");
      await deliver(demoPersonalAccount.email, "Facture 2026-114");
      await deliver("someone.else@outlook.fr", "Message d'un autre");
      const browser = new Browser(h.app, "fr");
      await signIn(browser, demoPersonalAccount.email, demoPersonalAccount.password);
      const page = await browser.get("/mail");
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Relevés bancaires de mars/);
      assert.match(page.body, /Facture 2026-114/);
      assert.doesNotMatch(page.body, /Message d&#39;un autre/);

      const mine = String(await idOf("Facture 2026-114"));
      const deleted = await browser.post("/mail/delete", { message: mine });
      assert.equal(deleted.statusCode, 303);
      const after = await browser.get(String(deleted.headers.location));
      assert.match(after.body, /role="status">Le message a été supprimé\./);
      assert.doesNotMatch(after.body, /Facture 2026-114/);
      assert.match(after.body, /Relevés bancaires de mars/);

      const theirs = String(await idOf("Message d'un autre"));
      const refused = await browser.post("/mail/delete", { message: theirs });
      const gone = await browser.get(String(refused.headers.location));
      assert.match(gone.body, /Ce message n&#39;existe plus\./);
      assert.ok(await idOf("Message d'un autre"), "another address's mail is untouched");

      const forged = await browser.post("/mail/delete", {
        message: String(await idOf("Relevés bancaires de mars")),
        _csrf: null,
      });
      assert.equal(forged.statusCode, 403);
      assert.ok(await idOf("Relevés bancaires de mars"));
    });

    it("sends a signed-out visitor to sign in, deleting nothing", async () => {
      const visitor = new Browser(h.app, "fr");
      await visitor.get("/login");
      const answer = await visitor.post("/mail/delete", { message: "x" });
      assert.ok([303, 403].includes(answer.statusCode));
    });
  });
}
