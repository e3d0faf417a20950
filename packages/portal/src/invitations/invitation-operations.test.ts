import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { insertContact } from "../contacts/contact-queries";
import type { StaffRequest } from "../firms/firm-access";
import type { PortalContext } from "../service/portal-context";
import type { ContactTable } from "../storage/contact-tables";
import { type PortalHarness, seedTestFirm, startTestPortal } from "../testing/portal-harness";
import { auditLines } from "../testing/store-checks";
import { forwardApprovalRequest, revokeInvitation, sendInvitation } from "./invitation-operations";
import { latestInvitation } from "./invitation-queries";
import { invitationProblem } from "./invitation-rules";

for (const target of await testTargets()) {
  describe(`invitation operations (${target.label})`, () => {
    let h: PortalHarness;
    let ctx: PortalContext;
    let who: StaffRequest;
    let contact: ContactTable;
    let wakeUps = 0;
    before(async () => {
      h = await startTestPortal(target);
      const { firm, admin } = await seedTestFirm(h.ctx);
      who = { firm, staff: admin };
      ctx = { ...h.ctx, mailQueued: () => wakeUps++ };
      contact = await insertContact(ctx.db, firm.id, {
        civility: "m",
        firstName: "Paul",
        lastName: "Martin",
        email: "paul@boulangerie.example",
        phone: null,
        language: "en",
      });
    });
    after(() => h.close());

    const mailTo = (address: string) =>
      ctx.db.selectFrom("mail_outbox").selectAll().where("to_address", "=", address).execute();

    it("an invitation is a live link, its mail in the person's language, and one audit entry", async () => {
      assert.deepEqual(await sendInvitation(ctx, who, contact), { ok: true, reminder: false });
      const invitation = await latestInvitation(ctx.db, contact.id);
      assert.equal(invitationProblem(invitation), undefined);
      const [mail] = await mailTo("paul@boulangerie.example");
      assert.match(mail?.subject ?? "", /Cabinet YPN/);
      assert.match(mail?.text_body ?? "", /\/YPN\/guide\//);
      assert.match(mail?.text_body ?? "", /Hello|invite/i);
      assert.deepEqual(await auditLines(ctx.db, who.firm.id), [
        "admin@ypn.example: invitation.send paul@boulangerie.example",
      ]);
      assert.equal(wakeUps, 1);
    });

    it("a resend reminds the same open invitation (counted, still open); a revocation closes it, each with its entry", async () => {
      const first = await latestInvitation(ctx.db, contact.id);
      assert.deepEqual(await sendInvitation(ctx, who, contact), { ok: true, reminder: true });
      const second = await latestInvitation(ctx.db, contact.id);
      assert.equal(second?.id, first?.id);
      assert.equal(second?.send_count, 2);
      assert.equal(invitationProblem(second), undefined);
      await revokeInvitation(ctx, who, contact);
      assert.equal(invitationProblem(await latestInvitation(ctx.db, contact.id)), "revoked");
      const lines = await auditLines(ctx.db, who.firm.id);
      assert.equal(lines.filter((l) => l.includes("invitation.send")).length, 1);
      assert.equal(lines.filter((l) => l.includes("invitation.remind")).length, 1);
      assert.equal(lines.filter((l) => l.includes("invitation.revoke")).length, 1);
    });

    it("someone already signed in is not invited: no link, no mail, no entry", async () => {
      const before = (await auditLines(ctx.db, who.firm.id)).length;
      const mails = (await mailTo("paul@boulangerie.example")).length;
      const active = { ...contact, tid: "tenant", oid: "object" };
      assert.deepEqual(await sendInvitation(ctx, who, active), {
        ok: false,
        refusal: "contact.invitation.active",
      });
      assert.equal((await auditLines(ctx.db, who.firm.id)).length, before);
      assert.equal((await mailTo("paul@boulangerie.example")).length, mails);
    });

    it("forwarding the approval link queues the mail to the administrator and logs who it went to", async () => {
      const woken = wakeUps;
      await forwardApprovalRequest(ctx, {
        firm: who.firm,
        contact,
        adminEmail: "it@boulangerie.example",
        approvalLink: "https://login.example/approve",
        locale: "fr",
      });
      const [mail] = await mailTo("it@boulangerie.example");
      assert.match(mail?.text_body ?? "", /https:\/\/login\.example\/approve/);
      assert.ok(
        (await auditLines(ctx.db, who.firm.id)).includes(
          "paul@boulangerie.example: approval.forward it@boulangerie.example",
        ),
      );
      assert.equal(wakeUps, woken + 1);
    });
  });
}
