import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { narrow } from "@sesame/kit/db/database";
import { sweepExpired } from "@sesame/kit/db/expiry-sweeper";
import { testTargets } from "@sesame/kit/db/test-databases";
import { type PortalHarness, startTestPortal } from "../testing/portal-harness";
import { portalExpiry } from "./migrations";
import type { PortalDB } from "./schema";

const HOUR = 3_600_000;

for (const target of await testTargets()) {
  describe(`portal's expired rows (${target.label})`, () => {
    let h: PortalHarness;
    before(async () => {
      h = await startTestPortal(target);
    });
    after(() => h.close());

    it("deletes unfinished sign-ins and sessions a day after they ended, and only those", async () => {
      const db = h.ctx.db;
      const now = Date.now();
      const request = {
        kind: "staff" as const,
        firm_id: "f",
        code_verifier: "v",
        nonce: "n",
        invitation_token: null,
        return_to: "/",
      };
      await db
        .insertInto("signin_request")
        .values([
          { state: "abandoned", ...request, created_at: now - 25 * HOUR },
          { state: "in-progress", ...request, created_at: now - 60_000 },
        ])
        .execute();
      const session = {
        kind: "staff" as const,
        firm_id: "f",
        subject_id: "s",
        tid: "t",
        oid: "o",
        name: "N",
        id_token: "x",
        created_at: now - 48 * HOUR,
      };
      await db
        .insertInto("portal_session")
        .values([
          { id_hash: "ended", ...session, expires_at: now - 25 * HOUR },
          { id_hash: "live", ...session, expires_at: now + HOUR },
        ])
        .execute();
      // A request digest's record is kept 30 days.
      await db
        .insertInto("request_digest")
        .values([
          { contact_id: "c", day: "old", sent_at: now - 31 * 24 * HOUR },
          { contact_id: "c", day: "recent", sent_at: now - 29 * 24 * HOUR },
        ])
        .execute();
      const deleted = await sweepExpired(narrow<unknown, PortalDB>(db), portalExpiry, now);
      assert.deepEqual(deleted, {
        mail_outbox: 0,
        signin_request: 1,
        portal_session: 1,
        job: 0,
        request_digest: 1,
        approval_reauth: 0,
      });
      const states = await db.selectFrom("signin_request").select("state").execute();
      assert.deepEqual(
        states.map((r) => r.state),
        ["in-progress"],
      );
      const sessions = await db.selectFrom("portal_session").select("id_hash").execute();
      assert.deepEqual(
        sessions.map((r) => r.id_hash),
        ["live"],
      );
    });
  });
}
