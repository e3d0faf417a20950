import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import {
  describeFailures,
  type FuzzOptions,
  fuzzRoutes,
  HOSTILE_VALUES,
  routesOf,
} from "@sesame/kit/testing/fuzz-routes";
import { insertContact } from "./contacts/contact-queries";
import { insertDossier } from "./dossiers/dossier-queries";
import { PortalBrowser, type PortalHarness, seedTestFirm } from "./testing/portal-harness";
import { type PortalWithIdentity, startPortalWithIdentity } from "./testing/with-identity";

/** The portal's own form fields, besides the OAuth ones the kit's fuzzer knows. */
const PORTAL_FIELDS = [
  "accountant",
  "accountant_id",
  "address",
  "after",
  "can_approve",
  "can_read",
  "can_upload",
  "civility",
  "contact_email",
  "csv",
  "display_name",
  "dossier_siren",
  "expected_tenant",
  "first_name",
  "invite",
  "kind",
  "language",
  "last_name",
  "mode",
  "note",
  "q",
  "siret",
  "status",
  "tenant",
  "body",
  "comment",
  "contact",
  "decision",
  "document",
];

/** docs/product-rules.md#fuzzing: hostile input on every portal endpoint gets an answer below 500 that reflects no script, on both stores. */
for (const target of await testTargets()) {
  describe(`every portal endpoint under hostile input (${target.label})`, () => {
    let stack: PortalWithIdentity;
    let h: PortalHarness;
    let options: FuzzOptions;
    let staff: Awaited<ReturnType<typeof seedTestFirm>>["admin"];
    before(async () => {
      // A live identity: sign-in and readiness routes reach their real authority, as in production.
      stack = await startPortalWithIdentity(target);
      h = stack.portal;
      const seeded = await seedTestFirm(h.ctx);
      staff = seeded.admin;
      const dossier = await insertDossier(h.ctx.db, seeded.firm.id, {
        name: "Boulangerie Martin",
        siren: "732829320",
        siret: null,
        address: "1 rue du Four, Paris",
        accountantId: null,
        status: "active",
      });
      const contact = await insertContact(h.ctx.db, seeded.firm.id, {
        civility: "mme",
        firstName: "Sophie",
        lastName: "Martin",
        email: "sophie.martin@boulangerie-martin.fr",
        phone: null,
        language: "fr",
      });
      options = {
        fields: PORTAL_FIELDS,
        params: {
          firm: ["YPN", "YPN", "YPN", ...HOSTILE_VALUES],
          id: [dossier.id, String(contact.id), ...HOSTILE_VALUES],
          dossier: [dossier.id, dossier.id, ...HOSTILE_VALUES],
        },
      };
    });
    after(() => stack.close());

    it("answers a signed-out browser below 500, reflecting no script", async () => {
      const failures = await fuzzRoutes(h.app, routesOf(h.app), { ...options, seed: 1 });
      assert.equal(failures.length, 0, describeFailures(failures));
    });

    it("answers the firm administrator's signed-in browser, CSRF token included, below 500, reflecting no script", async () => {
      const browser = new PortalBrowser(h);
      await browser.signInAs(staff);
      await browser.get("/YPN/dossiers/new");
      const failures = await fuzzRoutes(h.app, routesOf(h.app), {
        ...options,
        seed: 2,
        cookie: browser.cookieHeader,
        ...(browser.csrfToken ? { csrf: browser.csrfToken } : {}),
      });
      assert.equal(failures.length, 0, describeFailures(failures));
    });
  });
}
