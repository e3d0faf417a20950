import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { matchContact } from "../auth/match-person";
import { recordConsent } from "../consent/consent-operations";
import { insertContact, linkDossier } from "../contacts/contact-queries";
import { insertDossier } from "../dossiers/dossier-queries";
import type { Firm, Staff } from "../firms/firm-queries";
import { recordApprovalRequested, sendInvitation } from "../invitations/invitation-operations";
import { startPortalJobs } from "../portal-jobs";
import type { ContactTable } from "../storage/contact-tables";
import {
  addStaff,
  PortalBrowser,
  type PortalHarness,
  pageText,
  seedTestFirm,
  startTestPortal,
} from "../testing/portal-harness";
import { auditLines } from "../testing/store-checks";

const MINUTE = 60_000;
const tenant = "bbbbbbbb-0000-4000-8000-00000000000b";

for (const target of await testTargets()) {
  describe(`notifications to the firm (${target.label})`, () => {
    let h: PortalHarness;
    let firm: Firm;
    let admin: Staff;
    let claire: Staff;
    let dossierId: string;
    // Time moves through the job runner's clock, never by sleeping.
    let offset = 0;
    const now = () => Date.now() + offset;
    let n = 0;
    before(async () => {
      h = await startTestPortal(target, { now });
      ({ firm, admin } = await seedTestFirm(h.ctx));
      claire = await addStaff(h.ctx, firm, "accountant", "claire@ypn.example");
      dossierId = (
        await insertDossier(h.ctx.db, firm.id, {
          name: "Boulangerie Martin",
          siren: "732829320",
          siret: null,
          address: "1 rue du Four, Lyon",
          accountantId: claire.id,
          status: "onboarding",
        })
      ).id;
    });
    after(() => h.close());

    /** A contact of Claire's dossier (or of no dossier), invited by the firm. */
    const invited = async (
      options: { dossier?: boolean; language?: "fr" | "en"; work?: boolean } = {},
    ): Promise<ContactTable> => {
      n++;
      const contact = await insertContact(h.ctx.db, firm.id, {
        civility: "m",
        firstName: "Paul",
        lastName: `Martin${n}`,
        email: `paul${n}@boulangerie.example`,
        phone: null,
        language: options.language ?? "fr",
      });
      if (options.dossier ?? true)
        await linkDossier(h.ctx.db, contact.id, { dossierId, read: true, upload: false, approve: false });
      if (options.work)
        await h.ctx.db
          .updateTable("contact")
          .set({ readiness_kind: "work", readiness_tenant_id: tenant, readiness_consent: "pending" })
          .where("id", "=", contact.id)
          .execute();
      assert.equal((await sendInvitation(h.ctx, { firm, staff: admin }, contact)).ok, true);
      return { ...contact, readiness_kind: options.work ? "work" : null };
    };
    const signIn = async (contact: ContactTable) => {
      const token = await linkToken(contact);
      const claims = { tid: tenant, oid: `oid-${contact.id}`, email: contact.email, name: "Paul" };
      assert.equal((await matchContact(h.ctx.db, firm.id, claims, token)).ok, true);
    };
    /** The invitation's link, read from its mail as the person would. */
    const linkToken = async (contact: ContactTable) => {
      const mail = await h.ctx.db
        .selectFrom("mail_outbox")
        .select("text_body")
        .where("to_address", "=", contact.email)
        .orderBy("created_at", "desc")
        .executeTakeFirstOrThrow();
      return /\/guide\/(\S+)/.exec(mail.text_body)?.[1] ?? null;
    };
    const digests = (staff: Staff) =>
      h.ctx.db
        .selectFrom("mail_outbox")
        .selectAll()
        .where("to_address", "=", staff.email)
        .orderBy("created_at")
        .execute();
    const listed = async (staff: Staff, language: "fr" | "en" = "fr") => {
      const browser = new PortalBrowser(h, language);
      await browser.signInAs(staff);
      const page = await browser.get("/YPN/notifications");
      assert.equal(page.statusCode, 200);
      return { browser, page, text: pageText(page.body) };
    };
    const clearDigests = async () => {
      // Everything so far goes out now, so each test starts with nothing waiting.
      offset += 16 * MINUTE;
      await h.portal.jobs.runOnce();
      await h.ctx.db.deleteFrom("mail_outbox").execute();
      offset += 16 * MINUTE;
    };

    it("the accountant in charge hears of an accepted invitation, in the sign-in's transaction; nobody else does", async () => {
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
      const contact = await invited({ dossier: false });
      await signIn(contact);
      assert.match((await listed(admin)).text, new RegExp(`Paul ${contact.last_name} a accepté`));
      await clearDigests();
    });

    it("an approval tells the firm about every contact of the tenant, and mails once each contact told to come back later", async () => {
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

    it("mails one digest per batch, at most every 15 minutes, in the staff member's language", async () => {
      const browser = (await listed(claire)).browser;
      assert.equal(
        (await browser.post("/YPN/notifications/preferences", { ...allOn, language: "en" })).statusCode,
        303,
      );
      const first = [await invited(), await invited(), await invited()];
      for (const c of first) await signIn(c);
      await h.portal.jobs.runOnce();
      await h.portal.jobs.runOnce();
      const [digest, ...more] = await digests(claire);
      assert.deepEqual(more, []);
      assert.match(digest?.subject ?? "", /^Cabinet YPN: new notifications \(3\)$/);
      for (const c of first)
        assert.match(digest?.text_body ?? "", new RegExp(`Paul ${c.last_name} accepted`));
      assert.match(digest?.text_body ?? "", /https:\/\/\S+\/YPN\/interlocuteurs\//);
      const late = await invited();
      await signIn(late);
      offset += 10 * MINUTE;
      await h.portal.jobs.runOnce();
      assert.equal((await digests(claire)).length, 1, "not before 15 minutes");
      offset += 6 * MINUTE;
      await h.portal.jobs.runOnce();
      const all = await digests(claire);
      assert.equal(all.length, 2);
      assert.match(all[1]?.subject ?? "", /\(1\)$/);
      assert.match(all[1]?.text_body ?? "", new RegExp(`Paul ${late.last_name} accepted`));
      await clearDigests();
    });

    it("a kind switched off stays out of the mail, and still shows in the list", async () => {
      const { browser } = await listed(claire, "en");
      const { on_invitation_accepted: _off, ...others } = allOn;
      assert.equal(
        (await browser.post("/YPN/notifications/preferences", { ...others, language: "fr" })).statusCode,
        303,
      );
      const page = pageText((await browser.get("/YPN/notifications?done=saved")).body);
      assert.match(page, /Your notification preferences were saved/);
      const quiet = await invited();
      await signIn(quiet);
      offset += 16 * MINUTE;
      await h.portal.jobs.runOnce();
      assert.deepEqual(await digests(claire), []);
      assert.match((await listed(claire)).text, new RegExp(`Paul ${quiet.last_name} a accepté`));
      const asking = await invited({ work: true });
      await recordApprovalRequested(h.ctx, { firm, contact: asking });
      offset += 16 * MINUTE;
      await h.portal.jobs.runOnce();
      const [mail, ...more] = await digests(claire);
      assert.deepEqual(more, []);
      assert.match(mail?.subject ?? "", /^Cabinet YPN : nouvelles notifications \(1\)$/);
      assert.match(mail?.text_body ?? "", /a demandé l'approbation/);
      assert.doesNotMatch(mail?.text_body ?? "", new RegExp(quiet.last_name), "never sent later either");
      await browser.post("/YPN/notifications/preferences", { ...allOn, language: "fr" });
      assert.ok(
        (await auditLines(h.ctx.db, firm.id)).includes(
          "claire@ypn.example: notifications.settings claire@ypn.example",
        ),
        "the firm's journal shows who changed their notifications",
      );
      await clearDigests();
    });

    it("two job runners on one database send one digest", async () => {
      const second = startPortalJobs(h.ctx, { now });
      try {
        for (const c of [await invited(), await invited()]) await signIn(c);
        offset += 16 * MINUTE;
        await Promise.all([h.portal.jobs.runOnce(), second.runOnce()]);
        await Promise.all([h.portal.jobs.runOnce(), second.runOnce()]);
        const mails = await digests(claire);
        assert.equal(mails.length, 1);
        assert.match(mails[0]?.subject ?? "", /\(2\)$/);
      } finally {
        await second.stop();
      }
      await clearDigests();
    });

    if (target.label === "postgres") {
      it("two portal instances on one PostgreSQL send one digest", async () => {
        const other = await startTestPortal(target, { now, databaseUrl: h.ctx.config.DATABASE_URL ?? "" });
        try {
          for (const c of [await invited(), await invited(), await invited()]) await signIn(c);
          offset += 16 * MINUTE;
          await Promise.all([h.portal.jobs.runOnce(), other.portal.jobs.runOnce()]);
          await Promise.all([h.portal.jobs.runOnce(), other.portal.jobs.runOnce()]);
          const mails = await digests(claire);
          assert.equal(mails.length, 1);
          assert.match(mails[0]?.subject ?? "", /\(3\)$/);
        } finally {
          await other.close();
        }
        await clearDigests();
      });
    }

    it("the list is newest first, marks the unread, counts them in the header and marks all read", async () => {
      const older = await invited();
      await signIn(older);
      offset += MINUTE;
      const newer = await invited();
      await signIn(newer);
      const { browser, page, text } = await listed(claire, "en");
      assert.ok(text.indexOf(newer.last_name) < text.indexOf(older.last_name), "newest first");
      assert.match(page.body, /<li class="unread"><strong class="badge">Unread<\/strong>/);
      const unread = /Unread notifications: (\d+)\./.exec(text)?.[1];
      assert.ok(Number(unread) >= 2);
      assert.match(
        page.body,
        new RegExp(`Notifications <span class="badge">${unread}<span class="visually-hidden"> unread`),
      );
      const marked = await browser.post("/YPN/notifications/read", {});
      assert.equal(marked.statusCode, 303);
      const after = await browser.get(marked.headers.location as string);
      assert.match(
        pageText(after.body),
        /All notifications are marked as read\. .*No unread notifications\./s,
      );
      assert.doesNotMatch(after.body, /class="unread"|class="badge"/);
      const dossiers = await browser.get("/YPN/dossiers");
      assert.doesNotMatch(dossiers.body, /class="badge"/);
    });

    it("refuses a preferences form without its CSRF token or with an unknown language, writing nothing", async () => {
      const { browser } = await listed(admin);
      const bad = await browser.post("/YPN/notifications/preferences", { language: "de" });
      assert.equal(bad.statusCode, 400);
      const forged = await h.app.inject({
        method: "POST",
        url: "/YPN/notifications/preferences",
        payload: "language=en",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
      assert.equal(forged.statusCode, 403);
      const row = await h.ctx.db
        .selectFrom("notification_preference")
        .select("language")
        .where("staff_id", "=", admin.id)
        .executeTakeFirst();
      assert.notEqual(row?.language, "de");
    });
  });
}

const allOn = {
  on_invitation_accepted: "1",
  on_account_created: "1",
  on_approval_granted: "1",
  on_approval_requested: "1",
};
