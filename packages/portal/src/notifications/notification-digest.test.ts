import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { recordApprovalRequested } from "../invitations/invitation-operations";
import { startPortalJobs } from "../portal-jobs";
import { pageText, startTestPortal } from "../testing/portal-harness";
import { auditLines } from "../testing/store-checks";
import { allOn, MINUTE, useNotificationFirm } from "./notification-test-support";

for (const target of await testTargets()) {
  describe(`the notification digest mailed to the firm (${target.label})`, () => {
    const firmOf = useNotificationFirm(target);

    it("mails one digest per batch, at most every 15 minutes, in the staff member's language", async () => {
      const { h, claire, clock, invited, signIn, digests, listed, clearDigests } = firmOf();
      const browser = (await listed(claire)).browser;
      assert.equal(
        (await browser.post("/YPN/notifications/preferences", { ...allOn, language: "en" })).statusCode,
        303,
      );
      const first = [await invited(), await invited(), await invited()];
      for (const c of first) await signIn(c);
      await h.portal.jobs.runOnce();
      await h.portal.jobs.runOnce();
      const [digest, ...more] = await digests(claire);
      assert.deepEqual(more, []);
      assert.match(digest?.subject ?? "", /^Cabinet YPN: new notifications \(3\)$/);
      for (const c of first)
        assert.match(digest?.text_body ?? "", new RegExp(`Paul ${c.last_name} accepted`));
      assert.match(digest?.text_body ?? "", /https:\/\/\S+\/YPN\/interlocuteurs\//);
      const late = await invited();
      await signIn(late);
      clock.offset += 10 * MINUTE;
      await h.portal.jobs.runOnce();
      assert.equal((await digests(claire)).length, 1, "not before 15 minutes");
      clock.offset += 6 * MINUTE;
      await h.portal.jobs.runOnce();
      const all = await digests(claire);
      assert.equal(all.length, 2);
      assert.match(all[1]?.subject ?? "", /\(1\)$/);
      assert.match(all[1]?.text_body ?? "", new RegExp(`Paul ${late.last_name} accepted`));
      await clearDigests();
    });

    it("a kind switched off stays out of the mail, and still shows in the list", async () => {
      const { h, firm, claire, clock, invited, signIn, digests, listed, clearDigests } = firmOf();
      const { browser } = await listed(claire, "en");
      const { on_invitation_accepted: _off, ...others } = allOn;
      assert.equal(
        (await browser.post("/YPN/notifications/preferences", { ...others, language: "fr" })).statusCode,
        303,
      );
      const page = pageText((await browser.get("/YPN/notifications?done=saved")).body);
      assert.match(page, /Your notification preferences were saved/);
      const quiet = await invited();
      await signIn(quiet);
      clock.offset += 16 * MINUTE;
      await h.portal.jobs.runOnce();
      assert.deepEqual(await digests(claire), []);
      assert.match((await listed(claire)).text, new RegExp(`Paul ${quiet.last_name} a accepté`));
      const asking = await invited({ work: true });
      await recordApprovalRequested(h.ctx, { firm, contact: asking });
      clock.offset += 16 * MINUTE;
      await h.portal.jobs.runOnce();
      const [mail, ...more] = await digests(claire);
      assert.deepEqual(more, []);
      assert.match(mail?.subject ?? "", /^Cabinet YPN : nouvelles notifications \(1\)$/);
      assert.match(mail?.text_body ?? "", /a demandé l'approbation/);
      assert.doesNotMatch(mail?.text_body ?? "", new RegExp(quiet.last_name), "never sent later either");
      await browser.post("/YPN/notifications/preferences", { ...allOn, language: "fr" });
      assert.ok(
        (await auditLines(h.ctx.db, firm.id)).includes(
          "claire@ypn.example: notifications.settings claire@ypn.example",
        ),
        "the firm's journal shows who changed their notifications",
      );
      await clearDigests();
    });

    it("two job runners on one database send one digest", async () => {
      const { h, claire, clock, now, invited, signIn, digests, clearDigests } = firmOf();
      const second = startPortalJobs(h.ctx, { now });
      try {
        for (const c of [await invited(), await invited()]) await signIn(c);
        clock.offset += 16 * MINUTE;
        await Promise.all([h.portal.jobs.runOnce(), second.runOnce()]);
        await Promise.all([h.portal.jobs.runOnce(), second.runOnce()]);
        const mails = await digests(claire);
        assert.equal(mails.length, 1);
        assert.match(mails[0]?.subject ?? "", /\(2\)$/);
      } finally {
        await second.stop();
      }
      await clearDigests();
    });

    if (target.label === "postgres") {
      it("two portal instances on one PostgreSQL send one digest", async () => {
        const { h, claire, clock, now, invited, signIn, digests, clearDigests } = firmOf();
        const other = await startTestPortal(target, { now, databaseUrl: h.ctx.config.DATABASE_URL ?? "" });
        try {
          for (const c of [await invited(), await invited(), await invited()]) await signIn(c);
          clock.offset += 16 * MINUTE;
          await Promise.all([h.portal.jobs.runOnce(), other.portal.jobs.runOnce()]);
          await Promise.all([h.portal.jobs.runOnce(), other.portal.jobs.runOnce()]);
          const mails = await digests(claire);
          assert.equal(mails.length, 1);
          assert.match(mails[0]?.subject ?? "", /\(3\)$/);
        } finally {
          await other.close();
        }
        await clearDigests();
      });
    }
  });
}
