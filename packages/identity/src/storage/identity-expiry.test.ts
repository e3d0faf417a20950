import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { narrow } from "@sesame/kit/db/database";
import { sweepExpired } from "@sesame/kit/db/expiry-sweeper";
import { testTargets } from "@sesame/kit/db/test-databases";
import { identityExpiry } from "../migrations";
import { type IdentityHarness, startTestIdentity } from "../testing/identity-harness";
import type { IdentityDB } from "./schema";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

for (const target of await testTargets()) {
  describe(`identity's expired rows (${target.label})`, () => {
    let h: IdentityHarness;
    before(async () => {
      h = await startTestIdentity(target);
    });
    after(() => h.close());

    it("has a rule for each table of one-time credentials, sessions and sent mail, all valid SQL", async () => {
      const tables = identityExpiry.map((r) => r.table).sort();
      assert.deepEqual(tables, [
        "altcha_used_solution",
        "authorization_code",
        "client_assertion_jti",
        "device_code",
        "email_code",
        "factor_challenge",
        // Finished and abandoned jobs: one rule each.
        "job",
        "job",
        "mail_outbox",
        "passkey_challenge",
        "password_reset",
        "refresh_token",
        "reopen_challenge",
        "security_alert",
        "sign_in_session",
        "signin_lockout",
        "signup_attempt",
      ]);
      const deleted = await sweepExpired(narrow<unknown, IdentityDB>(h.identity.ctx.db), identityExpiry);
      assert.deepEqual(Object.keys(deleted).sort(), [...new Set(tables)]);
    });

    it("keeps an assertion's jti an hour past its expiry, so a replay within the clock tolerance is still refused", async () => {
      const db = h.identity.ctx.db;
      const now = Date.now();
      await db
        .insertInto("client_assertion_jti")
        .values([
          { jti: "app:just-expired", expires_at: now - 5 * MINUTE },
          { jti: "app:long-expired", expires_at: now - 2 * HOUR },
          { jti: "app:live", expires_at: now + 5 * MINUTE },
        ])
        .execute();
      await sweepExpired(narrow<unknown, IdentityDB>(db), identityExpiry, now);
      const left = await db.selectFrom("client_assertion_jti").select("jti").orderBy("jti").execute();
      assert.deepEqual(
        left.map((r) => r.jti),
        ["app:just-expired", "app:live"],
      );
    });

    it("forgets a lockout after a quiet day and sent mail after a week, never unsent mail", async () => {
      const db = h.identity.ctx.db;
      const now = Date.now();
      const lockout = { failures: 3, lockouts: 1, locked_until: 0 };
      await db
        .insertInto("signin_lockout")
        .values([
          { subject: "quiet", source: "192.0.2.1", ...lockout, last_failure_at: now - 25 * HOUR },
          { subject: "recent", source: "192.0.2.1", ...lockout, last_failure_at: now - HOUR },
        ])
        .execute();
      const mail = {
        to_address: "a@example.com",
        from_address: "no-reply@sesame.test",
        subject: "Code",
        text_body: "123456",
        html_body: "<p>123456</p>",
        attempts: 1,
        claimed_until: null,
        last_error: null,
        local_delivery: 0,
      };
      await db
        .insertInto("mail_outbox")
        .values([
          {
            id: "sent-8d",
            ...mail,
            created_at: now - 200 * HOUR,
            next_attempt_at: 0,
            sent_at: now - 192 * HOUR,
          },
          {
            id: "sent-1d",
            ...mail,
            created_at: now - 24 * HOUR,
            next_attempt_at: 0,
            sent_at: now - 24 * HOUR,
          },
          { id: "stuck-8d", ...mail, created_at: now - 200 * HOUR, next_attempt_at: now, sent_at: null },
        ])
        .execute();
      const deleted = await sweepExpired(narrow<unknown, IdentityDB>(db), identityExpiry, now);
      assert.equal(deleted.signin_lockout, 1);
      assert.equal(deleted.mail_outbox, 1);
      const subjects = await db.selectFrom("signin_lockout").select("subject").execute();
      assert.deepEqual(
        subjects.map((r) => r.subject),
        ["recent"],
      );
      const mails = await db
        .selectFrom("mail_outbox")
        .select("id")
        .where("id", "in", ["sent-8d", "sent-1d", "stuck-8d"])
        .orderBy("id")
        .execute();
      assert.deepEqual(
        mails.map((r) => r.id),
        ["sent-1d", "stuck-8d"],
      );
    });
  });
}
