import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { insertContact } from "../contacts/contact-queries";
import type { StaffRequest } from "../firms/firm-access";
import { sendInvitation } from "../invitations/invitation-operations";
import {
  addStaff,
  PortalBrowser,
  type PortalHarness,
  pageText,
  seedTestFirm,
  startTestPortal,
} from "../testing/portal-harness";
import { checkColour, contrastWithWhite, fromHeader } from "./branding-rules";

/** A real 1×1 PNG (its signature, IHDR, IDAT and IEND chunks). */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGOQ96sEAAF2AOe2j1NWAAAAAElFTkSuQmCC",
  "base64",
);

describe("a firm's colour and sender name, checked", () => {
  it("takes a dark enough #rrggbb, refuses a light one with its contrast, and a non-colour", () => {
    assert.deepEqual(checkColour(" #1F4E79 "), { ok: true, colour: "#1f4e79" });
    assert.deepEqual(checkColour("#036"), { ok: true, colour: "#003366" });
    assert.deepEqual(checkColour(""), { ok: true, colour: null });
    assert.deepEqual(checkColour("#ffff00"), { ok: false, reason: "contrast", ratio: 1 });
    assert.deepEqual(checkColour("bleu"), { ok: false, reason: "invalid" });
    assert.deepEqual(checkColour("#1f4e79; color:red"), { ok: false, reason: "invalid" });
    assert.ok(Math.abs(contrastWithWhite("#0067b8") - 5.7) < 0.1);
  });

  it("quotes the sender name in From", () => {
    assert.equal(
      fromHeader('Cabinet "YPN"', "no-reply@x.example"),
      '"Cabinet \\"YPN\\"" <no-reply@x.example>',
    );
  });
});

for (const target of await testTargets()) {
  describe(`branding per firm (${target.label})`, () => {
    let h: PortalHarness;
    let who: StaffRequest;
    before(async () => {
      h = await startTestPortal(target);
      const { firm, admin } = await seedTestFirm(h.ctx);
      who = { firm, staff: admin };
    });
    after(() => h.close());

    const admin = async (language: "fr" | "en" = "fr") => {
      const browser = new PortalBrowser(h, language);
      await browser.signInAs(who.staff);
      await browser.get("/YPN/branding");
      return browser;
    };
    const fields = { colour: "#1f4e79", sender_name: "Cabinet YPN – Clients" };

    it("saves a logo checked by its content, a colour and a sender name; the logo is served as an image", async () => {
      const browser = await admin();
      const saved = await browser.postFile("/YPN/branding", fields, {
        field: "logo",
        filename: "logo.bin",
        type: "application/octet-stream",
        content: PNG,
      });
      assert.equal(saved.statusCode, 303);
      const page = await browser.get(String(saved.headers.location));
      assert.match(pageText(page.body), /Image du cabinet enregistrée/);
      const logo = await browser.get("/YPN/logo");
      assert.equal(logo.statusCode, 200);
      assert.equal(
        logo.headers["content-type"],
        "image/png",
        "the type found in the bytes, not the sender's",
      );
      assert.equal(logo.headers["x-content-type-options"], "nosniff");
      assert.match(String(logo.headers["content-security-policy"]), /script-src 'self';/);
      assert.deepEqual(logo.rawPayload, PNG);
      const entry = await h.ctx.db
        .selectFrom("audit_entry")
        .select("action")
        .where("action", "=", "firm.branding")
        .executeTakeFirst();
      assert.ok(entry, "the journal records it");
    });

    it("shows the firm's name, logo and colour in the pages' header instead of the portal's name", async () => {
      const browser = await admin("en");
      const page = await browser.get("/YPN/dossiers");
      assert.match(
        page.body,
        /<span class="brand"><img src="\/YPN\/logo\?v=\d+" alt="" class="brand-logo"> Cabinet YPN<\/span>/,
      );
      assert.doesNotMatch(page.body, /<span class="brand">Collaborative space/);
      assert.match(page.body, /<style nonce="[^"]+">:root\{--accent:#1f4e79\}/);
      const csp = String(page.headers["content-security-policy"]);
      const nonce = /<style nonce="([^"]+)"/.exec(page.body)?.[1] ?? "";
      assert.ok(csp.includes(`'nonce-${nonce}'`), "the inline colour is allowed by this page's CSP nonce");
    });

    it("sends invitations from the firm's sender name, with its logo at the top", async () => {
      const contact = await insertContact(h.ctx.db, who.firm.id, {
        civility: "m",
        firstName: "Marc",
        lastName: "Marque",
        email: "marc.marque@example.org",
        phone: null,
        language: "fr",
      });
      assert.ok((await sendInvitation(h.ctx, who, contact)).ok);
      const mail = await h.ctx.db
        .selectFrom("mail_outbox")
        .selectAll()
        .where("to_address", "=", "marc.marque@example.org")
        .executeTakeFirstOrThrow();
      assert.equal(mail.from_address, `"Cabinet YPN – Clients" <${h.ctx.config.SESAME_MAIL_FROM}>`);
      assert.match(
        mail.html_body,
        /^<p><img src="https:\/\/[^"]+\/YPN\/logo\?v=\d+" alt="Cabinet YPN" height="48"><\/p>/,
      );
    });

    it("refuses a file that is not an image whatever its name, a file too large, a light colour and a bad name, changing nothing", async () => {
      const browser = await admin();
      const before = await h.ctx.db.selectFrom("firm_branding").selectAll().executeTakeFirstOrThrow();
      const notImage = await browser.postFile("/YPN/branding", fields, {
        field: "logo",
        filename: "logo.png",
        type: "image/png",
        content: "<svg onload=alert(1)></svg>",
      });
      assert.equal(notImage.statusCode, 415);
      assert.match(pageText(notImage.body), /n'est pas une image PNG, JPEG ou WebP/);
      const large = await browser.postFile("/YPN/branding", fields, {
        field: "logo",
        filename: "logo.png",
        type: "image/png",
        content: Buffer.concat([PNG, Buffer.alloc(300 * 1024)]),
      });
      assert.equal(large.statusCode, 413);
      assert.match(pageText(large.body), /trop lourd : 256 Ko au plus/);
      const light = await browser.postFile(
        "/YPN/branding",
        { ...fields, colour: "#ffff00" },
        {
          field: "logo",
          filename: "",
          type: "application/octet-stream",
          content: "",
        },
      );
      assert.equal(light.statusCode, 400);
      assert.match(
        pageText(light.body),
        /trop claire pour du texte blanc \(contraste de 1:1, il faut 4,5:1\)/,
      );
      assert.match(light.body, /id="colour" name="colour" value="#ffff00"[^>]*aria-invalid="true"/);
      const english = await admin("en");
      const badName = await english.postFile(
        "/YPN/branding",
        { ...fields, sender_name: "x".repeat(81) },
        {
          field: "logo",
          filename: "",
          type: "application/octet-stream",
          content: "",
        },
      );
      assert.equal(badName.statusCode, 400);
      assert.match(pageText(badName.body), /one line of at most 80 characters/);
      const after = await h.ctx.db.selectFrom("firm_branding").selectAll().executeTakeFirstOrThrow();
      assert.deepEqual(after, before);
    });

    it("lets only a firm administrator change it, with the form's CSRF token", async () => {
      const accountant = await addStaff(h.ctx, who.firm, "accountant", "compta@ypn.example");
      const browser = new PortalBrowser(h, "fr");
      await browser.signInAs(accountant);
      assert.equal((await browser.get("/YPN/branding")).statusCode, 403);
      const forged = await (await admin()).postFile(
        "/YPN/branding",
        { ...fields, _csrf: "forged" },
        {
          field: "logo",
          filename: "",
          type: "application/octet-stream",
          content: "",
        },
      );
      assert.equal(forged.statusCode, 403);
      assert.equal((await new PortalBrowser(h, "fr").get("/YPN/logo")).statusCode, 200, "the logo is public");
      assert.equal((await new PortalBrowser(h, "fr").get("/ZZZ/logo")).statusCode, 404);
    });
  });
}
