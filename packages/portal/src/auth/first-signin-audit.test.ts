import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { insertContact } from "../contacts/contact-queries";
import type { Firm } from "../firms/firm-queries";
import { insertStaff } from "../firms/firm-queries";
import { createInvitation } from "../invitations/invitation-queries";
import { type PortalHarness, seedTestFirm, startTestPortal } from "../testing/portal-harness";
import { auditLines } from "../testing/store-checks";
import { matchContact, matchStaff } from "./match-person";

const tenant = "aaaaaaaa-0000-4000-8000-000000000001";

for (const target of await testTargets()) {
  describe(`a first sign-in is in the firm's audit log, a refused one is not (${target.label})`, () => {
    let h: PortalHarness;
    let firm: Firm;
    before(async () => {
      h = await startTestPortal(target);
      ({ firm } = await seedTestFirm(h.ctx));
    });
    after(() => h.close());

    it("an invited contact's first sign-in binds them, uses the link and logs it once", async () => {
      const contact = await insertContact(h.ctx.db, firm.id, {
        civility: "m",
        firstName: "Paul",
        lastName: "Martin",
        email: "paul@martin.fr",
        phone: null,
        language: "fr",
      });
      const { token } = await createInvitation(h.ctx.db, firm.id, contact.id);
      const paul = { tid: tenant, oid: "oid-paul", email: "paul@martin.fr", name: "Paul Martin" };
      const stranger = { ...paul, oid: "oid-x", email: "x@martin.fr" };
      assert.equal((await matchContact(h.ctx.db, firm.id, stranger, token)).ok, false);
      assert.deepEqual(await auditLines(h.ctx.db, firm.id), []);
      assert.equal((await matchContact(h.ctx.db, firm.id, paul, token)).ok, true);
      assert.equal((await matchContact(h.ctx.db, firm.id, paul, null)).ok, true, "later: (tid, oid) alone");
      assert.deepEqual(await auditLines(h.ctx.db, firm.id), ["paul@martin.fr: contact.bound paul@martin.fr"]);
    });

    it("a seeded staff member's first sign-in is logged once", async () => {
      await insertStaff(h.ctx.db, {
        firmId: firm.id,
        email: "claire@ypn.example",
        displayName: "Claire",
        role: "accountant",
        expectedTenant: tenant,
      });
      const claire = { tid: tenant, oid: "oid-claire", email: "claire@ypn.example", name: "Claire" };
      const sameTenant = async () => tenant;
      assert.equal((await matchStaff(h.ctx.db, firm.id, claire, sameTenant)).ok, true);
      assert.equal((await matchStaff(h.ctx.db, firm.id, claire, sameTenant)).ok, true);
      const lines = await auditLines(h.ctx.db, firm.id);
      assert.deepEqual(
        lines.filter((l) => l.includes("staff.bound")),
        ["claire@ypn.example: staff.bound claire@ypn.example"],
      );
    });
  });
}
