import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { type PortalHarness, seedTestFirm, startTestPortal } from "../testing/portal-harness";
import { auditLines, rowCount } from "../testing/store-checks";
import type { StaffRequest } from "./firm-access";
import { addStaff, saveFirmSettings } from "./firm-operations";
import { findFirmById } from "./firm-queries";

for (const target of await testTargets()) {
  describe(`firm operations (${target.label})`, () => {
    let h: PortalHarness;
    let who: StaffRequest;
    before(async () => {
      h = await startTestPortal(target);
      const { firm, admin } = await seedTestFirm(h.ctx);
      who = { firm, staff: admin };
    });
    after(() => h.close());

    const julien = {
      email: "julien@ypn.example",
      displayName: "Julien",
      role: "accountant",
      expectedTenant: "ypn.example",
    } as const;

    it("saving the settings changes the firm and writes one audit entry", async () => {
      await saveFirmSettings(h.ctx, who, { name: "Cabinet Y", contactEmail: "contact@ypn.example" });
      assert.equal((await findFirmById(h.ctx.db, who.firm.id))?.name, "Cabinet Y");
      assert.deepEqual(await auditLines(h.ctx.db, who.firm.id), ["admin@ypn.example: firm.settings YPN"]);
    });

    it("a staff member is added once; the same address again is refused with no row and no entry", async () => {
      assert.equal((await addStaff(h.ctx, who, julien)).ok, true);
      assert.deepEqual(await addStaff(h.ctx, who, { ...julien, displayName: "Julien bis" }), {
        ok: false,
        refusal: "firm.staff.duplicate",
      });
      assert.equal(await rowCount(h.ctx.db, "staff"), 2);
      assert.deepEqual(await auditLines(h.ctx.db, who.firm.id), [
        "admin@ypn.example: firm.settings YPN",
        "admin@ypn.example: staff.add julien@ypn.example",
      ]);
    });
  });
}
