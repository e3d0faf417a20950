import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { writeAudit } from "../audit/audit-log";
import { insertContact } from "../contacts/contact-queries";
import type { StaffRequest } from "../firms/firm-access";
import { revokeInvitation, sendInvitation } from "../invitations/invitation-operations";
import {
  PortalBrowser,
  type PortalHarness,
  pageText,
  seedTestFirm,
  startTestPortal,
} from "../testing/portal-harness";

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
      await sendInvitation(h.ctx, who, contact);
      await revokeInvitation(h.ctx, who, contact);
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
      const revokes = pageText((await browser.get("/YPN/journal?action=invitation.revoke")).body);
      assert.match(revokes, /revoked the invitation/);
      assert.doesNotMatch(revokes, /Anne Admin invited/);
      const alice = pageText((await browser.get("/YPN/journal?person=alice")).body);
      assert.match(alice, /Alice Admin-Martin approved/);
      assert.doesNotMatch(alice, /Paul Martin/);
    });

    it("exports the filtered lines as CSV a spreadsheet opens safely", async () => {
      const csv = await (await browse("en")).get("/YPN/journal.csv");
      assert.equal(csv.statusCode, 200);
      assert.match(String(csv.headers["content-type"]), /text\/csv/);
      assert.match(csv.body, /"Anne Admin";"Anne Admin invited Paul Martin";"Paul Martin"/);
      assert.match(csv.body, /"'=HYPERLINK\(""x""\)"/);
      const filtered = await (await browse("en")).get("/YPN/journal.csv?action=consent.granted");
      assert.equal(filtered.body.trim().split("\r\n").length, 2);
    });
  });
}
