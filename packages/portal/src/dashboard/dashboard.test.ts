import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { DAY_MS } from "@sesame/kit/db/expiry-sweeper";
import { testTargets } from "@sesame/kit/db/test-databases";
import { insertContact, linkDossier } from "../contacts/contact-queries";
import { insertDossier } from "../dossiers/dossier-queries";
import type { StaffRequest } from "../firms/firm-access";
import type { Staff } from "../firms/firm-queries";
import { sendInvitation } from "../invitations/invitation-operations";
import { latestInvitation } from "../invitations/invitation-queries";
import { rewriteInvitations } from "../invitations/invitation-test-support";
import type { ContactTable } from "../storage/contact-tables";
import {
  addStaff,
  PortalBrowser,
  type PortalHarness,
  pageText,
  seedTestFirm,
  startTestPortal,
} from "../testing/portal-harness";
import { PAGE_SIZE } from "./onboarding-view";

for (const target of await testTargets()) {
  describe(`onboarding dashboard (${target.label})`, () => {
    let h: PortalHarness;
    let who: StaffRequest;
    let claire: Staff;
    const c: Record<string, ContactTable> = {};
    let dossierB = "";
    let n = 0;
    const add = async (key: string, dossierId: string, patch: Partial<ContactTable> = {}) => {
      n++;
      const contact = await insertContact(h.ctx.db, who.firm.id, {
        civility: "mme",
        firstName: key,
        lastName: `Client${n}`,
        email: `${key}@client${n}.example`,
        phone: null,
        language: "fr",
      });
      await linkDossier(h.ctx.db, contact.id, { dossierId, read: true, upload: true, approve: false });
      if (Object.keys(patch).length > 0)
        await h.ctx.db.updateTable("contact").set(patch).where("id", "=", contact.id).execute();
      c[key] = { ...contact, ...patch };
      return c[key];
    };
    const invite = async (key: string, ageDays = 0) => {
      const contact = c[key];
      assert.ok(contact);
      await sendInvitation(h.ctx, who, contact);
      const invitation = await latestInvitation(h.ctx.db, contact.id);
      const created = Date.now() - ageDays * DAY_MS;
      await rewriteInvitations(
        h.ctx.db,
        { created_at: created, last_sent_at: created, expires_at: created + 14 * DAY_MS },
        (q) => q.where("id", "=", invitation?.id ?? ""),
      );
    };

    before(async () => {
      h = await startTestPortal(target);
      const { firm, admin } = await seedTestFirm(h.ctx);
      who = { firm, staff: admin };
      claire = await addStaff(h.ctx, firm, "accountant", "claire@ypn.example");
      const base = { siret: null, address: "1 rue de la Paix, Paris", status: "onboarding" as const };
      const a = await insertDossier(h.ctx.db, firm.id, {
        ...base,
        name: "Boulangerie Martin",
        siren: "732829320",
        accountantId: admin.id,
      });
      const b = await insertDossier(h.ctx.db, firm.id, {
        ...base,
        name: "Garage Durand",
        siren: "552100554",
        accountantId: claire.id,
      });
      dossierB = b.id;
      await add("notinvited", a.id);
      await add("invited", a.id);
      await invite("invited", 9);
      await add("nobody", b.id, { readiness_kind: "none" });
      await invite("nobody", 2);
      await add("pending", b.id, {
        readiness_kind: "work",
        readiness_consent: "pending",
        readiness_domain: "durand.example",
      });
      await invite("pending", 1);
      await add("active", a.id, { tid: "t", oid: "o" });
      await add("revoked", a.id);
      await invite("revoked");
      await rewriteInvitations(h.ctx.db, { revoked_at: Date.now() }, (q) =>
        q.where("contact_id", "=", c.revoked?.id ?? ""),
      );
      await add("expired", b.id);
      await invite("expired", 20);
    });
    after(() => h.close());

    const signedIn = async (language: "fr" | "en" = "en") => {
      const browser = new PortalBrowser(h, language);
      await browser.signInAs(who.staff);
      return browser;
    };

    it("shows the funnel with counts, each contact's step age and next action, in English and French", async () => {
      const browser = await signedIn("en");
      const page = await browser.get("/YPN/onboarding");
      assert.equal(page.statusCode, 200);
      const text = pageText(page.body);
      for (const [label, count] of [
        ["All", "(7)"],
        ["Not invited", "1"],
        ["Invited", "1"],
        ["Account to create", "1"],
        ["Approval pending", "1"],
        ["Approval requested", "0"],
        ["Active", "1"],
        ["Invitations expired", "1"],
        ["Invitations revoked", "1"],
      ])
        assert.match(text, new RegExp(`${label} ${String(count).replace(/[()]/g, "\\$&")}`), label);
      assert.match(text, /invited 9 days ago, not signed in yet/);
      assert.match(text, /invited 2 days ago, Microsoft account to create/);
      assert.match(page.body, new RegExp(`value="invite:${c.notinvited?.id}"`));
      assert.match(page.body, new RegExp(`value="remind:${c.invited?.id}"`));
      assert.match(page.body, new RegExp(`/YPN/onboarding/${c.pending?.id}/approval`));
      assert.doesNotMatch(page.body, new RegExp(`value="\\w+:${c.active?.id}"`));
      const fr = await (await signedIn("fr")).get("/YPN/onboarding");
      assert.match(pageText(fr.body), /invité il y a 9 jours, pas encore connecté/);
    });

    it("filters by state, by accountant in charge and by dossier", async () => {
      const browser = await signedIn();
      const invited = pageText((await browser.get("/YPN/onboarding?state=invited")).body);
      assert.match(invited, /Contacts \(1\)/);
      assert.match(invited, /invited@/);
      const byClaire = pageText((await browser.get(`/YPN/onboarding?accountant=${claire.id}`)).body);
      assert.match(byClaire, /All \(3\)/);
      assert.doesNotMatch(byClaire, /notinvited@/);
      const byDossier = pageText(
        (await browser.get(`/YPN/onboarding?dossier=${dossierB}&state=expired`)).body,
      );
      assert.match(byDossier, /Contacts \(1\)/);
      assert.match(byDossier, /expired@/);
      // The dossier is searched, by a part of its name (any case, no accents) or its SIREN.
      for (const search of ["garage", "GARAGÉ DUR", "552 100", "552100554"]) {
        const page = (await browser.get(`/YPN/onboarding?${new URLSearchParams({ dossier: search })}`)).body;
        assert.match(pageText(page), /All \(3\)/, search);
        assert.doesNotMatch(pageText(page), /notinvited@/, search);
        assert.match(page, new RegExp(`id="f-dossier" name="dossier" type="search" value="${search}"`));
      }
      const nothing = pageText((await browser.get("/YPN/onboarding?dossier=pharmacie")).body);
      assert.match(nothing, /All \(0\)/);
      assert.equal((await browser.get("/YPN/onboarding?state=nonsense")).statusCode, 200);
    });

    it("invites, reminds and revokes several contacts at once; revoking asks first", async () => {
      const browser = await signedIn();
      await browser.get("/YPN/onboarding");
      const invited = await browser.post("/YPN/onboarding/bulk", {
        action: "invite",
        ids: [c.notinvited?.id ?? "", c.active?.id ?? "", c.expired?.id ?? ""],
      });
      assert.equal(invited.statusCode, 303);
      const flash = pageText((await browser.get(String(invited.headers.location))).body);
      assert.match(flash, /2 invitations sent, 1 contacts skipped/);
      assert.ok(await latestInvitation(h.ctx.db, c.notinvited?.id ?? ""));

      const before = await latestInvitation(h.ctx.db, c.invited?.id ?? "");
      const reminded = await browser.post("/YPN/onboarding/bulk", { one: `remind:${c.invited?.id}` });
      assert.equal(reminded.statusCode, 303);
      const after = await latestInvitation(h.ctx.db, c.invited?.id ?? "");
      assert.equal(after?.id, before?.id, "a reminder keeps the same invitation");
      assert.equal(after?.revoked_at, null);
      assert.equal(after?.send_count, (before?.send_count ?? 0) + 1);
      const mails = await h.ctx.db
        .selectFrom("mail_outbox")
        .select("subject")
        .where("to_address", "=", c.invited?.email ?? "")
        .execute();
      assert.ok(mails.some((m) => m.subject.startsWith("Rappel")));

      await browser.get("/YPN/onboarding");
      const ask = await browser.post("/YPN/onboarding/bulk", {
        action: "revoke",
        ids: [c.invited?.id ?? "", c.nobody?.id ?? ""],
      });
      assert.equal(ask.statusCode, 200);
      assert.match(pageText(ask.body), /Revoke these invitations\?.*Revoke 2 invitations/);
      assert.equal((await latestInvitation(h.ctx.db, c.invited?.id ?? ""))?.revoked_at, null);
      const done = await browser.post("/YPN/onboarding/bulk", {
        action: "revoke",
        confirm: "1",
        ids: [c.invited?.id ?? "", c.nobody?.id ?? ""],
      });
      assert.equal(done.statusCode, 303);
      assert.notEqual((await latestInvitation(h.ctx.db, c.invited?.id ?? ""))?.revoked_at, null);
      assert.notEqual((await latestInvitation(h.ctx.db, c.nobody?.id ?? ""))?.revoked_at, null);

      await browser.get("/YPN/onboarding");
      const none = await browser.post("/YPN/onboarding/bulk", { action: "invite" });
      assert.equal(none.statusCode, 400);
      assert.match(pageText(none.body), /Select at least one contact/);
    });

    it("sends the approval link to the contact's administrator; the contact moves to approval requested", async () => {
      const browser = await signedIn();
      const page = await browser.get(`/YPN/onboarding/${c.pending?.id}/approval`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /oauth2\/authorize\?client_id=/);
      const bad = await browser.post(`/YPN/onboarding/${c.pending?.id}/approval`, { admin_email: "nope" });
      assert.equal(bad.statusCode, 400);
      const sent = await browser.post(`/YPN/onboarding/${c.pending?.id}/approval`, {
        admin_email: "it@durand.example",
      });
      assert.equal(sent.statusCode, 303);
      const mail = await h.ctx.db
        .selectFrom("mail_outbox")
        .selectAll()
        .where("to_address", "=", "it@durand.example")
        .executeTakeFirst();
      assert.match(mail?.text_body ?? "", /oauth2\/authorize/);
      const text = pageText((await browser.get("/YPN/onboarding?state=approval_requested")).body);
      assert.match(text, /Approval requested 1/);
      assert.match(text, /approval link forwarded to the administrator today/);
    });

    it("answers 404 for another firm's contact and keeps staff of other firms out", async () => {
      const other = await seedTestFirm(h.ctx, "AUT");
      const outsider = new PortalBrowser(h, "en");
      await outsider.signInAs(other.admin);
      assert.equal((await outsider.get(`/AUT/onboarding/${c.pending?.id}/approval`)).statusCode, 404);
      const theirs = pageText((await outsider.get("/AUT/onboarding")).body);
      assert.match(theirs, /All \(0\)/);
      assert.equal((await outsider.get("/YPN/onboarding")).statusCode, 302);
    });

    it("shows the contacts a page at a time, the funnel still counting them all", async () => {
      const dossier = await insertDossier(h.ctx.db, who.firm.id, {
        siret: null,
        address: "2 rue de la Paix, Paris",
        status: "onboarding",
        name: "Menuiserie Petit",
        siren: "404833048",
        accountantId: claire.id,
      });
      const browser = await signedIn();
      const count = (text: string, label: string) =>
        Number(new RegExp(`${label} \\(?(\\d+)`).exec(text)?.[1]);
      const before = pageText((await browser.get("/YPN/onboarding")).body);
      // One more than a page, all in claire's dossier and not invited: two pages of her not invited.
      for (let i = 0; i <= PAGE_SIZE; i++) await add(`many${i}`, dossier.id);
      const total = count(before, "All") + PAGE_SIZE + 1;
      const ids = (body: string) => [...body.matchAll(/name="ids" value="([^"]+)"/g)].map((m) => m[1]);
      const first = await browser.get("/YPN/onboarding");
      const text = pageText(first.body);
      assert.equal(count(text, "All"), total);
      assert.equal(count(text, "Not invited"), count(before, "Not invited") + PAGE_SIZE + 1);
      assert.equal(ids(first.body).length, PAGE_SIZE);
      assert.match(text, /Page 1 of 2 · Next page/);
      const second = await browser.get("/YPN/onboarding?page=2");
      assert.equal(ids(second.body).length, total - PAGE_SIZE);
      assert.equal(
        new Set([...ids(first.body), ...ids(second.body)]).size,
        total,
        "each contact on one page",
      );
      assert.match(pageText(second.body), /Previous page · Page 2 of 2/);
      // Past the end: the last page. The filters ride along the page links.
      assert.deepEqual(ids((await browser.get("/YPN/onboarding?page=40")).body), ids(second.body));
      const mine = await browser.get(`/YPN/onboarding?accountant=${claire.id}&state=not_invited`);
      assert.equal(ids(mine.body).length, PAGE_SIZE);
      assert.match(
        mine.body,
        new RegExp(`href="/YPN/onboarding\\?state=not_invited&amp;accountant=${claire.id}&amp;page=2"`),
      );
      const fr = pageText((await (await signedIn("fr")).get("/YPN/onboarding?page=2")).body);
      assert.match(fr, /Page précédente · Page 2 sur 2/);
    });
  });
}
