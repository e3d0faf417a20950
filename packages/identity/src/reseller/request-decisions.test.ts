import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { seedOrganizationsDemo } from "../demo/organizations-demo";
import { fastArgon2, signIn } from "../tenants/directory-test-support";
import { tenantOfDomain } from "../tenants/tenant-queries";
import { Browser, type IdentityHarness, startTestIdentity } from "../testing/identity-harness";
import { receiveLicenceRequest } from "./licence-requests";

const portalApp = "ff28182b-b927-4697-9f0e-3d38e40971a8";
/** Each SKU a client of the portal can ask for, and the product the reseller must read. */
const products = [
  ["O365_BUSINESS_ESSENTIALS", "Microsoft 365 Business Basic"],
  ["O365_BUSINESS_PREMIUM", "Microsoft 365 Business Standard"],
  ["SPB", "Microsoft 365 Business Premium"],
  ["ENTERPRISEPACK", "Office 365 E3"],
  ["SPE_E5", "Microsoft 365 E5"],
] as const;

const text = (body: string) =>
  body
    .replace(/<[^>]+>/g, " ")
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ");
/** The text of the table row that mentions `needle`. */
const rowWith = (body: string, needle: string) =>
  text((body.match(/<tr>[\s\S]*?<\/tr>/g) ?? []).find((r) => r.includes(needle)) ?? "");

for (const target of await testTargets()) {
  describe(`the reseller's licence requests: products, dates, requester and firm, answers (${target.label})`, () => {
    let h: IdentityHarness;
    let firmTenant: string;
    const ids: Record<string, string> = {};
    before(async () => {
      h = await startTestIdentity(target, { env: fastArgon2 });
      await seedOrganizationsDemo(h.identity.ctx);
      firmTenant = (await tenantOfDomain(h.identity.ctx.db, "ypn-expertise.fr"))?.id ?? "";
      for (const [part] of products) {
        const row = await receiveLicenceRequest(
          h.identity.ctx,
          { appId: portalApp, tenantId: firmTenant, roles: [] },
          {
            customerName: `Client ${part}`,
            contactEmail: "emma.petit@boulangerie-martin.fr",
            skuPartNumber: part,
            quantity: 3,
          },
        );
        assert.ok(typeof row === "object");
        ids[part] = row.id;
        // A fixed instant: 2026-12-04 23:30 UTC is already the 5th in Paris.
        await h.identity.ctx.db
          .updateTable("licence_request")
          .set({ created_at: Date.UTC(2026, 11, 4, 23, 30) })
          .where("id", "=", row.id)
          .execute();
      }
    });
    after(() => h.close());

    async function reseller(locale: "fr" | "en") {
      const browser = new Browser(h.app, locale);
      await signIn(browser, "nadia.roche@distrilog.onmicrosoft.com", "Revendeur-Licences-52");
      return browser;
    }

    for (const [part, product] of products) {
      it(`a ${part} request shows as ${product}`, async () => {
        const page = await (await reseller("fr")).get("/reseller");
        const row = rowWith(page.body, `Client ${part}`);
        assert.match(row, new RegExp(`Client ${part} ${product} 3 `));
        assert.doesNotMatch(
          row,
          new RegExp(`\\b${part}\\b(?! )`),
          "no raw skuPartNumber in the product cell",
        );
      });
    }

    it("dates in the page's language and Paris time, status translated, requester and firm shown (fr, en)", async () => {
      const fr = rowWith((await (await reseller("fr")).get("/reseller")).body, "Client SPB");
      assert.match(fr, /05\/12\/2026 00:30/);
      assert.doesNotMatch(fr, /2026-12-04T/);
      assert.match(fr, /emma\.petit@boulangerie-martin\.fr Cabinet YPN/);
      assert.match(fr, /Reçue/);
      const en = rowWith((await (await reseller("en")).get("/reseller")).body, "Client SPB");
      assert.match(en, /05\/12\/2026, 00:30/);
      assert.match(en, /Received/);
    });

    it("the reseller marks one handled and refuses another with a reason; the API tells the firm", async () => {
      const browser = await reseller("fr");
      await browser.get("/reseller");
      const handled = await browser.post(`/reseller/requests/${ids.SPB}`, { decision: "fulfilled" });
      assert.equal(handled.statusCode, 303);
      const after = await browser.get(String(handled.headers.location));
      assert.match(text(after.body), /Demande marquée comme traitée/);
      assert.match(rowWith(after.body, "Client SPB"), /Traitée/);
      const noReason = await browser.post(`/reseller/requests/${ids.SPE_E5}`, { decision: "declined" });
      assert.match(text((await browser.get(String(noReason.headers.location))).body), /Indiquez le motif/);
      const refused = await browser.post(`/reseller/requests/${ids.SPE_E5}`, {
        decision: "declined",
        reason: "Licence E5 en rupture, proposez E3",
      });
      assert.equal(refused.statusCode, 303);
      const rows = await h.identity.ctx.db.selectFrom("licence_request").selectAll().execute();
      const byId = new Map(rows.map((r) => [r.id, r]));
      assert.equal(byId.get(ids.SPB ?? "")?.status, "fulfilled");
      assert.equal(byId.get(ids.SPE_E5 ?? "")?.status, "declined");
      assert.equal(byId.get(ids.SPE_E5 ?? "")?.status_reason, "Licence E5 en rupture, proposez E3");
      const again = await browser.post(`/reseller/requests/${ids.SPB}`, { decision: "fulfilled" });
      assert.match(String(again.headers.location), /request=closed/);
    });
  });
}
