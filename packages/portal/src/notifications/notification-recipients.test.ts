import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { recordConsent } from "../consent/consent-operations";
import { recordApprovalRequested } from "../invitations/invitation-operations";
import type { ContactTable } from "../storage/contact-tables";
import { tenant, useNotificationFirm } from "./notification-test-support";

for (const target of await testTargets()) {
  describe(`who in the firm hears of a contact (${target.label})`, () => {
    const firmOf = useNotificationFirm(target);

    it("the accountant in charge hears of an accepted invitation, in the sign-in's transaction; nobody else does", async () => {
      const { admin, claire, invited, signIn, listed, clearDigests } = firmOf();
      const contact = await invited();
      await signIn(contact);
      const { text, page } = await listed(claire);
      assert.match(text, new RegExp(`Paul ${contact.last_name} a accepté l'invitation`));
      assert.match(page.body, new RegExp(`href="/YPN/interlocuteurs/${contact.id}"`));
      assert.match(text, /Notifications non lues : 1\./);
      assert.doesNotMatch((await listed(admin)).text, new RegExp(contact.last_name));
      await clearDigests();
    });

    it("a contact of no dossier is the administrators' to hear of", async () => {
      const { admin, invited, signIn, listed, clearDigests } = firmOf();
      const contact = await invited({ dossier: false });
      await signIn(contact);
      assert.match((await listed(admin)).text, new RegExp(`Paul ${contact.last_name} a accepté`));
      await clearDigests();
    });

    it("an approval tells the firm about every contact of the tenant, and mails once each contact told to come back later", async () => {
      const { h, firm, claire, invited, listed, clearDigests } = firmOf();
      const waiting = [await invited({ work: true, language: "en" }), await invited({ work: true })];
      await recordApprovalRequested(h.ctx, { firm, contact: waiting[0] as ContactTable });
      const approve = () =>
        recordConsent(h.ctx, firm.id, {
          tenantId: tenant,
          oid: "o",
          name: "Emma Admin",
          permissions: "User.Read",
        });
      await approve();
      await h.portal.jobs.runOnce();
      await approve();
      await h.portal.jobs.runOnce();
      const { text } = await listed(claire, "en");
      for (const c of waiting) assert.match(text, new RegExp(`Paul ${c.last_name}'s organisation approved`));
      assert.equal(
        text.match(/organisation approved the firm's application/g)?.length,
        2,
        "once each, though approved twice",
      );
      assert.match(
        text,
        new RegExp(`Paul ${waiting[0]?.last_name} asked their organisation's administrator`),
      );
      const told = async (c: ContactTable) =>
        h.ctx.db
          .selectFrom("mail_outbox")
          .selectAll()
          .where("to_address", "=", c.email)
          .where((eb) =>
            eb.or([eb("subject", "like", "%approved the access%"), eb("subject", "like", "%approuvé%")]),
          )
          .execute();
      const [english] = await told(waiting[0] as ContactTable);
      assert.equal((await told(waiting[0] as ContactTable)).length, 1, "once, though approved twice");
      assert.match(
        english?.subject ?? "",
        /^Cabinet YPN: your organisation approved the access, you can sign in now/,
      );
      const link = /https:\/\/\S+\/YPN\/guide\/(\S+)/.exec(english?.text_body ?? "");
      assert.ok(link, "the mail carries a link to the guide");
      assert.equal((await h.app.inject({ method: "GET", url: `/YPN/guide/${link[1]}` })).statusCode, 200);
      const [french] = await told(waiting[1] as ContactTable);
      assert.match(french?.subject ?? "", /^Cabinet YPN : votre organisation a approuvé l'accès/);
      await clearDigests();
    });
  });
}
