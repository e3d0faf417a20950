import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { insertDossier } from "../dossiers/dossier-queries";
import type { Staff } from "../firms/firm-queries";
import {
  PortalBrowser,
  type PortalHarness,
  pageText,
  seedTestFirm,
  startTestPortal,
} from "../testing/portal-harness";

/** A contacts file of `count` lines, as a spreadsheet saves it (";" and a BOM). */
const contactsCsv = (count: number, siren: string) =>
  `\uFEFFcivilité;prénom;nom;email;téléphone;langue;dossier;droits\r\n${Array.from(
    { length: count },
    (_, i) =>
      `Mme;Camille;Durand${i};camille${i}@durand.example;;${i % 2 ? "en" : "fr"};${siren};lecture dépôt`,
  ).join("\r\n")}\r\n`;

for (const target of await testTargets()) {
  describe(`contacts imported from an uploaded CSV file (${target.label})`, () => {
    let h: PortalHarness;
    let admin: Staff;
    before(async () => {
      h = await startTestPortal(target);
      const seeded = await seedTestFirm(h.ctx);
      admin = seeded.admin;
      await insertDossier(h.ctx.db, seeded.firm.id, {
        name: "Durand SA",
        siren: "732829320",
        siret: null,
        address: "x",
        accountantId: admin.id,
        status: "onboarding",
      });
    });
    after(() => h.close());

    const browse = async () => {
      const browser = new PortalBrowser(h, "en");
      await browser.signInAs(admin);
      const page = await browser.get("/YPN/onboarding/import");
      assert.equal(page.statusCode, 200);
      return browser;
    };
    const count = async (table: "contact" | "invitation") =>
      (await h.ctx.db.selectFrom(table).select("id").execute()).length;

    it("offers a template to download that the import itself accepts", async () => {
      const browser = await browse();
      const template = await browser.get("/YPN/onboarding/import/modele.csv");
      assert.equal(template.statusCode, 200);
      assert.match(String(template.headers["content-type"]), /text\/csv/);
      assert.match(String(template.headers["content-disposition"]), /attachment/);
      await browser.get("/YPN/onboarding/import");
      const check = await browser.postFile(
        "/YPN/onboarding/import",
        { mode: "check" },
        {
          field: "file",
          filename: "modele.csv",
          type: "text/csv",
          content: template.rawPayload,
        },
      );
      assert.equal(check.statusCode, 200, pageText(check.body));
      assert.match(pageText(check.body), /1 valid line/i);
    });

    it("checks a file without saving, refuses a binary file, then imports 20 contacts and invites them all", async () => {
      const browser = await browse();
      const binary = await browser.postFile(
        "/YPN/onboarding/import",
        { mode: "check" },
        {
          field: "file",
          filename: "photo.csv",
          type: "text/csv",
          content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]),
        },
      );
      assert.equal(binary.statusCode, 400);
      assert.match(pageText(binary.body), /could not be read as a CSV file/);
      await browser.get("/YPN/onboarding/import");
      const file = {
        field: "file",
        filename: "clients.csv",
        type: "text/csv",
        content: contactsCsv(20, "732829320"),
      };
      const check = await browser.postFile("/YPN/onboarding/import", { mode: "check", invite: "1" }, file);
      assert.equal(check.statusCode, 200);
      assert.match(pageText(check.body), /20 valid line/);
      assert.equal(await count("contact"), 0);
      const applied = await browser.postFile("/YPN/onboarding/import", { mode: "apply", invite: "1" }, file);
      assert.equal(applied.statusCode, 303);
      assert.equal(await count("contact"), 20);
      assert.equal(await count("invitation"), 20);
      const dashboard = pageText((await browser.get(String(applied.headers.location))).body);
      assert.match(dashboard, /20 invitations sent, 0 contacts skipped/);
      assert.match(dashboard, /Invited 20/);
      const mails = await h.ctx.db.selectFrom("mail_outbox").select("subject").execute();
      assert.equal(mails.length, 20);
    });

    it("refuses a form without its CSRF token", async () => {
      const browser = await browse();
      const forged = await browser.postFile(
        "/YPN/onboarding/import",
        { mode: "check", _csrf: "forged" },
        {
          field: "file",
          filename: "x.csv",
          type: "text/csv",
          content: contactsCsv(1, "732829320"),
        },
      );
      assert.equal(forged.statusCode, 403);
    });
  });
}
