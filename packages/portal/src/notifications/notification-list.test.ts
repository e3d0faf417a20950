import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { pageText } from "../testing/portal-harness";
import { MINUTE, useNotificationFirm } from "./notification-test-support";

for (const target of await testTargets()) {
  describe(`the notifications page of the firm (${target.label})`, () => {
    const firmOf = useNotificationFirm(target);

    it("the list is newest first, marks the unread, counts them in the header and marks all read", async () => {
      const { claire, clock, invited, signIn, listed } = firmOf();
      const older = await invited();
      await signIn(older);
      clock.offset += MINUTE;
      const newer = await invited();
      await signIn(newer);
      const { browser, page, text } = await listed(claire, "en");
      assert.ok(text.indexOf(newer.last_name) < text.indexOf(older.last_name), "newest first");
      assert.match(page.body, /<li class="unread"><strong class="badge">Unread<\/strong>/);
      const unread = /Unread notifications: (\d+)\./.exec(text)?.[1];
      assert.ok(Number(unread) >= 2);
      assert.match(
        page.body,
        new RegExp(`Notifications <span class="badge">${unread}<span class="visually-hidden"> unread`),
      );
      const marked = await browser.post("/YPN/notifications/read", {});
      assert.equal(marked.statusCode, 303);
      const after = await browser.get(marked.headers.location as string);
      assert.match(
        pageText(after.body),
        /All notifications are marked as read\. .*No unread notifications\./s,
      );
      assert.doesNotMatch(after.body, /class="unread"|class="badge"/);
      const dossiers = await browser.get("/YPN/dossiers");
      assert.doesNotMatch(dossiers.body, /class="badge"/);
    });

    it("refuses a preferences form without its CSRF token or with an unknown language, writing nothing", async () => {
      const { h, admin, listed } = firmOf();
      const { browser } = await listed(admin);
      const bad = await browser.post("/YPN/notifications/preferences", { language: "de" });
      assert.equal(bad.statusCode, 400);
      const forged = await h.app.inject({
        method: "POST",
        url: "/YPN/notifications/preferences",
        payload: "language=en",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
      assert.equal(forged.statusCode, 403);
      const row = await h.ctx.db
        .selectFrom("notification_preference")
        .select("language")
        .where("staff_id", "=", admin.id)
        .executeTakeFirst();
      assert.notEqual(row?.language, "de");
    });
  });
}
