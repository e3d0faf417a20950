import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { DAY_MS } from "@sesame/kit/db/expiry-sweeper";
import { testTargets } from "@sesame/kit/db/test-databases";
import { insertContact } from "../contacts/contact-queries";
import { TUS_CLEANUP } from "../documents/tus-cleanup";
import type { StaffRequest } from "../firms/firm-access";
import { revokeInvitation, sendInvitation } from "../invitations/invitation-operations";
import { latestInvitation } from "../invitations/invitation-queries";
import { rewriteInvitations } from "../invitations/invitation-test-support";
import type { ContactTable } from "../storage/contact-tables";
import {
  PortalBrowser,
  type PortalHarness,
  pageText,
  seedTestFirm,
  startTestPortal,
} from "../testing/portal-harness";

const MINUTE = 60_000;

for (const target of await testTargets()) {
  describe(`automatic invitation reminders (${target.label})`, () => {
    let h: PortalHarness;
    let who: StaffRequest;
    // Time moves through the job runner's clock, never by sleeping.
    let offset = 0;
    const now = () => Date.now() + offset;
    let n = 0;
    before(async () => {
      h = await startTestPortal(target, { now });
      const { firm, admin } = await seedTestFirm(h.ctx);
      who = { firm, staff: admin };
    });
    after(() => h.close());

    const invite = async (language: "fr" | "en" = "en"): Promise<ContactTable> => {
      n++;
      const contact = await insertContact(h.ctx.db, who.firm.id, {
        civility: "m",
        firstName: "Paul",
        lastName: `Martin${n}`,
        email: `paul${n}@boulangerie.example`,
        phone: null,
        language,
      });
      assert.deepEqual(await sendInvitation(h.ctx, who, contact), { ok: true, reminder: false });
      return contact;
    };
    const reminders = (contact: ContactTable) =>
      h.ctx.db
        .selectFrom("mail_outbox")
        .selectAll()
        .where("to_address", "=", contact.email)
        .where((eb) => eb.or([eb("subject", "like", "Reminder%"), eb("subject", "like", "Rappel%")]))
        .orderBy("created_at")
        .execute();
    const at = async (days: number) => {
      offset = days * DAY_MS + MINUTE;
      await h.portal.jobs.runOnce();
    };

    it("reminds on day 3 and day 7, once each, in the contact's language, with a link that opens the guide", async () => {
      offset = 0;
      const contact = await invite("en");
      await at(2);
      assert.equal((await reminders(contact)).length, 0);
      await at(3);
      await h.portal.jobs.runOnce();
      const [first, ...more] = await reminders(contact);
      assert.deepEqual(more, []);
      assert.match(first?.subject ?? "", /^Reminder: Cabinet YPN/);
      assert.match(first?.text_body ?? "", /invited you 3 days ago/);
      const link = /https:\/\/\S+\/YPN\/guide\/(\S+)/.exec(first?.text_body ?? "");
      assert.ok(link, "the reminder carries a link to the guide");
      const guide = await h.app.inject({ method: "GET", url: `/YPN/guide/${link[1]}` });
      assert.equal(guide.statusCode, 200);
      const invitation = await latestInvitation(h.ctx.db, contact.id);
      assert.equal(invitation?.send_count, 2);
      assert.equal(invitation?.revoked_at, null);
      await at(5);
      assert.equal((await reminders(contact)).length, 1);
      await at(7);
      await h.portal.jobs.runOnce();
      const all = await reminders(contact);
      assert.equal(all.length, 2);
      assert.match(all[1]?.text_body ?? "", /invited you 7 days ago/);
      await at(10);
      assert.equal((await reminders(contact)).length, 2);
    });

    it("a contact reminded in French gets French", async () => {
      offset = 0;
      const contact = await invite("fr");
      await at(3);
      const [mail] = await reminders(contact);
      assert.match(mail?.subject ?? "", /^Rappel : Cabinet YPN vous attend/);
    });

    it("stops as soon as the contact moves on: revoked, accepted, signed in", async () => {
      offset = 0;
      const revoked = await invite();
      await revokeInvitation(h.ctx, who, revoked);
      const accepted = await invite();
      const open = await latestInvitation(h.ctx.db, accepted.id);
      await rewriteInvitations(h.ctx.db, { completed_at: Date.now() }, (q) =>
        q.where("id", "=", open?.id ?? ""),
      );
      const signedIn = await invite();
      await h.ctx.db
        .updateTable("contact")
        .set({ tid: "tenant", oid: "person" })
        .where("id", "=", signedIn.id)
        .execute();
      await at(3);
      await at(7);
      for (const contact of [revoked, accepted, signedIn])
        assert.deepEqual(await reminders(contact), [], contact.email);
    });

    it("follows the firm's own schedule, set on the reminders page; nonsense is refused in words", async () => {
      const browser = new PortalBrowser(h, "en");
      await browser.signInAs(who.staff);
      const page = await browser.get("/YPN/rappels");
      assert.equal(page.statusCode, 200);
      assert.match(pageText(page.body), /Reminders sent 3, 7 days after the invitation/);
      const bad = await browser.post("/YPN/rappels", { days: "0, 20" });
      assert.equal(bad.statusCode, 400);
      assert.match(pageText(bad.body), /Give distinct days between 1 and 13/);
      const saved = await browser.post("/YPN/rappels", { days: "2" });
      assert.equal(saved.statusCode, 303);
      offset = 0;
      const contact = await invite();
      await at(1);
      assert.equal((await reminders(contact)).length, 0);
      await at(2);
      assert.equal((await reminders(contact)).length, 1);
      await at(7);
      assert.equal((await reminders(contact)).length, 1);
      assert.equal((await browser.post("/YPN/rappels", { days: "" })).statusCode, 303);
      offset = 0;
      const quiet = await invite();
      await at(5);
      assert.deepEqual(await reminders(quiet), []);
      assert.equal((await browser.post("/YPN/rappels", { days: "3, 7" })).statusCode, 303);
    });

    if (target.label === "postgres") {
      it("two portal instances on one PostgreSQL send the day-3 reminder once", async () => {
        const second = await startTestPortal(target, { now, databaseUrl: h.ctx.config.DATABASE_URL ?? "" });
        try {
          offset = 0;
          const contacts = [await invite(), await invite(), await invite()];
          offset = 3 * DAY_MS + MINUTE;
          await Promise.all([h.portal.jobs.runOnce(), second.portal.jobs.runOnce()]);
          await Promise.all([h.portal.jobs.runOnce(), second.portal.jobs.runOnce()]);
          for (const contact of contacts) assert.equal((await reminders(contact)).length, 1, contact.email);
        } finally {
          await second.close();
        }
      });
    }

    it("is started by the portal service and stopped with it", async () => {
      const own = await startTestPortal(target);
      // On an empty portal the only job due is the hourly clean-up of partial uploads: no reminder.
      assert.equal(await own.portal.jobs.runOnce(), 1);
      const jobs = await own.ctx.db.selectFrom("job").select(["kind", "last_error", "done_at"]).execute();
      assert.deepEqual(
        jobs.map((j) => [j.kind, j.last_error]),
        [[TUS_CLEANUP, null]],
        "the clean-up runs on a data directory no upload has made yet",
      );
      assert.ok(jobs[0]?.done_at);
      await own.close();
      assert.equal(await own.portal.jobs.runOnce(), 0);
    });
  });
}
