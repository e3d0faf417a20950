import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { writeAudit } from "../audit/audit-log";
import { openSignedInSession } from "../auth/signin-operations";
import { insertContact, linkDossier } from "../contacts/contact-queries";
import { createDossier } from "../dossiers/dossier-operations";
import type { StaffRequest } from "../firms/firm-access";
import { revokeInvitation, sendInvitation } from "../invitations/invitation-operations";
import { accountWasCreated } from "../readiness/readiness-rules";
import {
  addStaff,
  PortalBrowser,
  type PortalHarness,
  pageText,
  seedTestFirm,
  startTestPortal,
} from "../testing/portal-harness";

/** The journal's lines as a person reads them (the filters' choices left out). */
const linesOf = (body: string) =>
  pageText(/<ul class="onboarding-rows">[\s\S]*?<\/ul>/.exec(body)?.[0] ?? "");

const TENANT = "9f1b2c3d-0000-4000-8000-00000000abcd";

for (const target of await testTargets()) {
  describe(`the firm's activity in words (${target.label})`, () => {
    let h: PortalHarness;
    let who: StaffRequest;
    before(async () => {
      h = await startTestPortal(target);
      const { firm, admin } = await seedTestFirm(h.ctx);
      who = { firm, staff: admin };
      const contact = await insertContact(h.ctx.db, firm.id, {
        civility: "m",
        firstName: "Paul",
        lastName: "Martin",
        email: "Paul@Boulangerie-Martin.fr",
        phone: null,
        language: "fr",
      });
      await h.ctx.db
        .updateTable("contact")
        .set({ readiness_tenant_id: TENANT, readiness_domain: "boulangerie-martin.fr" })
        .where("id", "=", contact.id)
        .execute();
      const created = await createDossier(h.ctx, who, {
        name: "Boulangerie Martin",
        siren: "812345676",
        siret: null,
        address: "1 rue du Four, Paris",
        accountantId: null,
        status: "active",
      });
      assert.ok(created.ok);
      await linkDossier(h.ctx.db, contact.id, {
        dossierId: created.dossier.id,
        read: true,
        upload: false,
        approve: false,
      });
      await sendInvitation(h.ctx, who, contact);
      await revokeInvitation(h.ctx, who, contact);
      const other = await insertContact(h.ctx.db, firm.id, {
        civility: "mme",
        firstName: "Zoé",
        lastName: "Autre",
        email: "zoe@autre.example",
        phone: null,
        language: "en",
      });
      const bruno = await addStaff(h.ctx, firm, "accountant", "bruno@ypn.example");
      await sendInvitation(h.ctx, { firm, staff: bruno }, other);
      await openSignedInSession(h.ctx.db, {
        kind: "contact",
        firmId: firm.id,
        subjectId: contact.id,
        tid: TENANT,
        oid: "oid-paul",
        name: "Paul Martin",
        email: "paul@boulangerie-martin.fr",
        idToken: "",
      });
      await h.ctx.db
        .transaction()
        .execute((trx) =>
          writeAudit(
            trx,
            { name: "Alice Admin-Martin" },
            { scope: firm.id, action: "consent.granted", target: TENANT },
          ),
        );
      await h.ctx.db
        .transaction()
        .execute((trx) =>
          writeAudit(
            trx,
            { name: '=HYPERLINK("x")' },
            { scope: firm.id, action: "mystery.code", target: "t" },
          ),
        );
    });
    after(() => h.close());

    const browse = async (language: "fr" | "en") => {
      const browser = new PortalBrowser(h, language);
      await browser.signInAs(who.staff);
      return browser;
    };

    it("tells who did what to whom in words, with names instead of addresses and tenant ids", async () => {
      const page = await (await browse("en")).get("/YPN/journal");
      assert.equal(page.statusCode, 200);
      const text = pageText(page.body);
      assert.match(text, /Anne Admin invited Paul Martin/);
      assert.match(text, /Anne Admin revoked the invitation of Paul Martin/);
      assert.match(
        text,
        /Alice Admin-Martin approved the application for the organisation boulangerie-martin\.fr/,
      );
      assert.doesNotMatch(text, new RegExp(TENANT));
      const fr = pageText((await (await browse("fr")).get("/YPN/journal")).body);
      assert.match(fr, /Anne Admin a invité Paul Martin/);
    });

    it("filters by action and by person", async () => {
      const browser = await browse("en");
      const revokes = linesOf((await browser.get("/YPN/journal?action=invitation.revoke")).body);
      assert.match(revokes, /revoked the invitation/);
      assert.doesNotMatch(revokes, /Anne Admin invited/);
      const alice = linesOf((await browser.get("/YPN/journal?person=alice")).body);
      assert.match(alice, /Alice Admin-Martin approved/);
      assert.doesNotMatch(alice, /Paul Martin/);
    });

    it("records sign-ins in words, and filters by staff member, contact, dossier and dates", async () => {
      const browser = await browse("fr");
      const all = pageText((await browser.get("/YPN/journal")).body);
      assert.match(all, /Paul Martin s'est connecté à l'espace/);
      const staff = await h.ctx.db
        .selectFrom("staff")
        .select(["id", "display_name"])
        .where("email_normalized", "=", "bruno@ypn.example")
        .executeTakeFirstOrThrow();
      const byBruno = linesOf((await browser.get(`/YPN/journal?staff=${staff.id}`)).body);
      assert.match(byBruno, /bruno a invité Zoé Autre/);
      assert.doesNotMatch(byBruno, /Anne Admin a invité/);
      const paul = await h.ctx.db
        .selectFrom("contact")
        .select("id")
        .where("email_normalized", "=", "paul@boulangerie-martin.fr")
        .executeTakeFirstOrThrow();
      const aboutPaul = linesOf((await browser.get(`/YPN/journal?contact=${paul.id}`)).body);
      assert.match(aboutPaul, /Anne Admin a invité Paul Martin/);
      assert.match(aboutPaul, /Paul Martin s'est connecté/);
      assert.doesNotMatch(aboutPaul, /Zoé Autre/);
      const dossier = await h.ctx.db.selectFrom("dossier").select("id").executeTakeFirstOrThrow();
      const aboutDossier = linesOf((await browser.get(`/YPN/journal?dossier=${dossier.id}`)).body);
      assert.match(aboutDossier, /a créé le dossier Boulangerie Martin/);
      assert.match(aboutDossier, /a invité Paul Martin/);
      assert.doesNotMatch(aboutDossier, /Zoé Autre/);
      const future = await browser.get("/YPN/journal?from=2999-01-01");
      assert.match(pageText(future.body), /Aucune action ne correspond/);
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      const window = linesOf((await browser.get(`/YPN/journal?from=2000-01-01&to=${tomorrow}`)).body);
      assert.match(window, /Anne Admin a invité Paul Martin/);
      const bad = await browser.get("/YPN/journal?from=hier");
      assert.equal(bad.statusCode, 400);
      assert.match(pageText(bad.body), /Les dates doivent être des jours du calendrier/);
    });

    it("sees an account created only when readiness moves from no account to one", () => {
      assert.equal(accountWasCreated("none", "personal"), true);
      assert.equal(accountWasCreated("not_found", "work"), true);
      assert.equal(accountWasCreated("personal", "personal"), false);
      assert.equal(
        accountWasCreated(null, "personal"),
        false,
        "a first check finds, it does not see a creation",
      );
      assert.equal(accountWasCreated("none", "unknown"), false);
    });

    it("exports the filtered lines as CSV a spreadsheet opens safely", async () => {
      const csv = await (await browse("en")).get("/YPN/journal.csv");
      assert.equal(csv.statusCode, 200);
      assert.match(String(csv.headers["content-type"]), /text\/csv/);
      assert.match(csv.body, /"Anne Admin";"Anne Admin invited Paul Martin";"Paul Martin"/);
      assert.match(csv.body, /"'=HYPERLINK\(""x""\)"/);
      assert.ok(csv.body.startsWith("\uFEFF"), "a BOM, so Excel reads UTF-8 (Zoé)");
      assert.match(csv.body, /Zoé Autre/);
      assert.match(csv.body, /"Filters: none"\r\n$/);
      const filtered = await (await browse("en")).get(
        "/YPN/journal.csv?action=consent.granted&from=2000-01-01",
      );
      const rows = filtered.body.trim().split("\r\n");
      assert.equal(rows.length, 4, "header, the one line, a blank line, the filters");
      assert.match(rows[3] ?? "", /^"Filters: Action = Application approved ; From 2000-01-01"$/);
      assert.equal((await (await browse("en")).get("/YPN/journal.csv?to=31-12-2020")).statusCode, 400);
    });
  });
}
