import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import type { Firm } from "../firms/firm-queries";
import { type PortalHarness, seedTestFirm, startTestPortal } from "../testing/portal-harness";
import { auditLines, rowCount } from "../testing/store-checks";
import { recordConsent } from "./consent-operations";
import { findTenantConsent, markConsentRevoked } from "./consent-queries";

const tenant = "1f0e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

for (const target of await testTargets()) {
  describe(`consent operations (${target.label})`, () => {
    let h: PortalHarness;
    let firm: Firm;
    before(async () => {
      h = await startTestPortal(target);
      ({ firm } = await seedTestFirm(h.ctx));
    });
    after(() => h.close());

    it("an approval is registered with one audit entry in the approver's name", async () => {
      await recordConsent(h.ctx, firm.id, {
        tenantId: tenant,
        oid: "o1",
        name: "Emma Admin",
        permissions: "User.Read",
      });
      assert.equal((await findTenantConsent(h.ctx.db, firm.id, tenant))?.consented_by_name, "Emma Admin");
      assert.deepEqual(await auditLines(h.ctx.db, firm.id), [`Emma Admin: consent.granted ${tenant}`]);
    });

    it("a new approval after a revocation renews the same entry and is logged again", async () => {
      const first = await findTenantConsent(h.ctx.db, firm.id, tenant);
      await markConsentRevoked(h.ctx.db, first?.id ?? "");
      await recordConsent(h.ctx, firm.id, {
        tenantId: tenant.toUpperCase(),
        oid: null,
        name: null,
        permissions: "User.Read",
      });
      assert.equal(await rowCount(h.ctx.db, "tenant_consent"), 1);
      assert.equal((await findTenantConsent(h.ctx.db, firm.id, tenant))?.revoked_at, null);
      assert.deepEqual(await auditLines(h.ctx.db, firm.id), [
        `${tenant}: consent.granted ${tenant}`,
        `Emma Admin: consent.granted ${tenant}`,
      ]);
    });
  });
}
