import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { insertDossier } from "../dossiers/dossier-queries";
import type { StaffRequest } from "../firms/firm-access";
import type { Readiness } from "../readiness/readiness-rules";
import type { PortalContext } from "../service/portal-context";
import { type PortalHarness, seedTestFirm, startTestPortal } from "../testing/portal-harness";
import { auditLines, rowCount } from "../testing/store-checks";
import { createContact, linkContactToDossier } from "./contact-operations";

const camille = {
  civility: "mme",
  firstName: "Camille",
  lastName: "Durand",
  email: "camille.durand@outlook.fr",
  phone: null,
  language: "fr",
} as const;
const personal: Readiness = {
  kind: "personal",
  tenantId: null,
  domain: "outlook.fr",
  consent: "not_needed",
  checkedAt: 1,
};

for (const target of await testTargets()) {
  describe(`contact operations (${target.label})`, () => {
    let h: PortalHarness;
    let who: StaffRequest;
    let wakeUps = 0;
    let ctx: PortalContext;
    before(async () => {
      h = await startTestPortal(target);
      const { firm, admin } = await seedTestFirm(h.ctx);
      who = { firm, staff: admin };
      ctx = { ...h.ctx, mailQueued: () => wakeUps++ };
    });
    after(() => h.close());

    it("a contact invited at creation: the row, the invitation, its mail and two audit entries together", async () => {
      const created = await createContact(ctx, who, { contact: camille, readiness: personal, invite: true });
      assert.ok(created.ok);
      assert.equal(created.contact.email, "camille.durand@outlook.fr");
      assert.equal(await rowCount(ctx.db, "invitation"), 1);
      const mail = await ctx.db.selectFrom("mail_outbox").selectAll().execute();
      assert.deepEqual(
        mail.map((m) => m.to_address),
        ["camille.durand@outlook.fr"],
      );
      assert.deepEqual(await auditLines(ctx.db, who.firm.id), [
        "admin@ypn.example: contact.create camille.durand@outlook.fr",
        "admin@ypn.example: invitation.send camille.durand@outlook.fr",
      ]);
      assert.equal(wakeUps, 1, "the mail sender is woken once, after commit");
    });

    it("the same address again is refused: no second contact, invitation, mail or audit entry", async () => {
      const again = await createContact(ctx, who, {
        contact: { ...camille, email: "CAMILLE.DURAND@outlook.fr" },
        readiness: personal,
        invite: true,
      });
      assert.deepEqual(again, { ok: false, refusal: "contact.error.duplicate" });
      assert.equal(await rowCount(ctx.db, "contact"), 1);
      assert.equal(await rowCount(ctx.db, "invitation"), 1);
      assert.equal(await rowCount(ctx.db, "mail_outbox"), 1);
      assert.equal((await auditLines(ctx.db, who.firm.id)).length, 2);
      assert.equal(wakeUps, 1);
    });

    it("when the audit entry cannot be written, neither the contact nor its invitation mail exist", async () => {
      const failing: PortalContext = {
        ...ctx,
        writeAudit: async (trx, actor, entry) => {
          if (entry.action === "invitation.send") throw new Error("audit store refused");
          await ctx.writeAudit(trx, actor, entry);
        },
      };
      const paul = { ...camille, firstName: "Paul", email: "paul@outlook.fr" };
      await assert.rejects(
        createContact(failing, who, { contact: paul, readiness: personal, invite: true }),
        /audit store refused/,
      );
      assert.equal(await rowCount(ctx.db, "contact"), 1);
      assert.equal(await rowCount(ctx.db, "invitation"), 1);
      assert.equal(await rowCount(ctx.db, "mail_outbox"), 1);
      assert.equal((await auditLines(ctx.db, who.firm.id)).length, 2);
      assert.equal(wakeUps, 1, "nothing to send: the sender is not woken");
    });

    it("linking a contact to a dossier writes the link and one audit entry", async () => {
      const dossier = await insertDossier(ctx.db, who.firm.id, {
        name: "Boulangerie Martin",
        siren: "732829320",
        siret: null,
        address: "1 rue du Four",
        accountantId: null,
        status: "active",
      });
      const contact = await ctx.db.selectFrom("contact").selectAll().executeTakeFirstOrThrow();
      await linkContactToDossier(ctx, who, contact, {
        dossierId: dossier.id,
        siren: dossier.siren,
        read: false,
        upload: true,
        approve: false,
      });
      const link = await ctx.db.selectFrom("contact_dossier").selectAll().executeTakeFirstOrThrow();
      assert.equal(Number(link.can_read), 1, "uploading implies reading");
      assert.ok(
        (await auditLines(ctx.db, who.firm.id)).includes(
          "admin@ypn.example: contact.link camille.durand@outlook.fr → 732829320",
        ),
      );
    });
  });
}
