import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import type { Firm } from "../firms/firm-queries";
import { type PortalHarness, seedTestFirm, startTestPortal } from "../testing/portal-harness";
import { auditLines, rowCount } from "../testing/store-checks";
import { requestLicence } from "./licence-operations";
import { licenceSenderOf } from "./licence-senders";
import { listLicenceRequests } from "./licence-store";

const tenant = "1f0e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

for (const target of await testTargets()) {
  describe(`licence operations (${target.label})`, () => {
    let h: PortalHarness;
    let firm: Firm;
    before(async () => {
      h = await startTestPortal(target);
      ({ firm } = await seedTestFirm(h.ctx));
    });
    after(() => h.close());

    it("a request waits for the sender with one audit entry in the asker's name", async () => {
      assert.ok(licenceSenderOf(h.ctx), "the built-in identity has a reseller API");
      await requestLicence(
        h.ctx,
        { name: "client@boulangerie.example" },
        {
          firmId: firm.id,
          contactId: null,
          customerName: "boulangerie.example",
          tenantId: tenant,
          sku: "O365_BUSINESS_PREMIUM",
          seats: 3,
        },
      );
      const [request] = await listLicenceRequests(h.ctx.db, firm.id);
      assert.equal(request?.requested_by, "client@boulangerie.example");
      assert.ok(
        request?.status === "pending_send" || request?.status === "rejected" || request?.status === "sent",
      );
      assert.equal(await rowCount(h.ctx.db, "licence_request"), 1);
      assert.deepEqual(await auditLines(h.ctx.db, firm.id), [
        `client@boulangerie.example: licence.request 3 × O365_BUSINESS_PREMIUM → ${tenant}`,
      ]);
    });

    it("when the audit entry cannot be written, no request is kept", async () => {
      const failing = { ...h.ctx, writeAudit: async () => Promise.reject(new Error("audit store refused")) };
      await assert.rejects(
        requestLicence(
          failing,
          { name: "admin@ypn.example" },
          {
            firmId: firm.id,
            contactId: null,
            customerName: "x",
            tenantId: tenant,
            sku: "O365_BUSINESS_PREMIUM",
            seats: 1,
          },
        ),
        /audit store refused/,
      );
      assert.equal(await rowCount(h.ctx.db, "licence_request"), 1);
    });
  });
}
