import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { insertContact } from "../contacts/contact-queries";
import type { Firm } from "../firms/firm-queries";
import { insertStaff } from "../firms/firm-queries";
import { createInvitation } from "../invitations/invitation-queries";
import { saveReadiness } from "../readiness/readiness-queries";
import { type PortalHarness, seedTestFirm, startTestPortal } from "../testing/portal-harness";
import { matchContact, matchStaff } from "./match-person";

const tenantA = "aaaaaaaa-0000-4000-8000-000000000001";
const tenantB = "bbbbbbbb-0000-4000-8000-000000000002";

for (const target of await testTargets()) {
  describe(`a person is (tid, oid), matched by email only once (${target.label})`, () => {
    let h: PortalHarness;
    let firm: Firm;
    before(async () => {
      h = await startTestPortal(target);
      ({ firm } = await seedTestFirm(h.ctx));
    });
    after(() => h.close());

    it("a contact's first sign-in needs the invitation and the invited address, then (tid, oid) alone", async () => {
      const contact = await insertContact(h.ctx.db, firm.id, {
        civility: "m",
        firstName: "Paul",
        lastName: "Martin",
        email: "paul@martin.fr",
        phone: null,
        language: "fr",
      });
      await saveReadiness(h.ctx.db, contact.id, {
        kind: "work",
        tenantId: tenantA,
        domain: "martin.fr",
        consent: "approved",
        checkedAt: Date.now(),
      });
      const { token } = await createInvitation(h.ctx.db, firm.id, contact.id);
      const paul = { tid: tenantA, oid: "oid-paul", email: "Paul@Martin.fr", name: "Paul Martin" };
      assert.deepEqual(await matchContact(h.ctx.db, firm.id, paul, null), {
        ok: false,
        reason: "not_invited",
      });
      assert.deepEqual(await matchContact(h.ctx.db, firm.id, { ...paul, email: "other@martin.fr" }, token), {
        ok: false,
        reason: "email_mismatch",
      });
      assert.deepEqual(await matchContact(h.ctx.db, firm.id, { ...paul, tid: tenantB }, token), {
        ok: false,
        reason: "tenant_mismatch",
      });
      assert.deepEqual(await matchContact(h.ctx.db, firm.id, paul, token), {
        ok: true,
        subjectId: contact.id,
      });
      // Afterwards: no invitation needed, and the email no longer matters.
      assert.deepEqual(await matchContact(h.ctx.db, firm.id, { ...paul, email: "renamed@martin.fr" }, null), {
        ok: true,
        subjectId: contact.id,
      });
    });

    it("the same address signing in from a second tenant is a different person", async () => {
      const stranger = { tid: tenantB, oid: "oid-paul", email: "paul@martin.fr", name: "Paul Martin" };
      assert.deepEqual(await matchContact(h.ctx.db, firm.id, stranger, null), {
        ok: false,
        reason: "not_invited",
      });
      const used = await h.ctx.db.selectFrom("invitation").select("id").executeTakeFirstOrThrow();
      assert.ok(used);
    });

    it("an invitation works once: a second account cannot reuse it", async () => {
      const contact = await insertContact(h.ctx.db, firm.id, {
        civility: "mme",
        firstName: "Léa",
        lastName: "Roux",
        email: "lea@gmail.com",
        phone: null,
        language: "fr",
      });
      const { token } = await createInvitation(h.ctx.db, firm.id, contact.id);
      const lea = {
        tid: "9188040d-6c67-4c5b-b112-36a304b66dad",
        oid: "oid-lea",
        email: "lea@gmail.com",
        name: "Léa",
      };
      assert.equal((await matchContact(h.ctx.db, firm.id, lea, token)).ok, true);
      const other = { ...lea, oid: "oid-someone-else" };
      assert.deepEqual(await matchContact(h.ctx.db, firm.id, other, token), {
        ok: false,
        reason: "invitation_invalid",
      });
    });

    it("staff are bound on first sign-in by address in the firm's own tenant, then only by (tid, oid)", async () => {
      const staff = await insertStaff(h.ctx.db, {
        firmId: firm.id,
        email: "claire@ypn.fr",
        displayName: "Claire",
        role: "accountant",
        expectedTenant: "ypn.fr",
      });
      const tenantOf = async (domain: string) => (domain === "ypn.fr" ? tenantA : undefined);
      const claire = { tid: tenantA, oid: "oid-claire", email: "claire@ypn.fr", name: "Claire" };
      assert.deepEqual(await matchStaff(h.ctx.db, firm.id, { ...claire, tid: tenantB }, tenantOf), {
        ok: false,
        reason: "tenant_mismatch",
      });
      assert.deepEqual(await matchStaff(h.ctx.db, firm.id, claire, tenantOf), {
        ok: true,
        subjectId: staff.id,
      });
      assert.deepEqual(await matchStaff(h.ctx.db, firm.id, { ...claire, oid: "oid-impostor" }, tenantOf), {
        ok: false,
        reason: "not_staff",
      });
      assert.deepEqual(
        await matchStaff(h.ctx.db, firm.id, { ...claire, tid: tenantB, oid: "oid-claire" }, tenantOf),
        { ok: false, reason: "not_staff" },
      );
      assert.deepEqual(await matchStaff(h.ctx.db, firm.id, { ...claire, email: undefined }, tenantOf), {
        ok: true,
        subjectId: staff.id,
      });
    });
  });
}
