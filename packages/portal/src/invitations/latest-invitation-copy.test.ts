import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { DAY_MS } from "@sesame/kit/db/expiry-sweeper";
import { migrateToLatest } from "@sesame/kit/db/migrations";
import { openTestDatabase, testTargets } from "@sesame/kit/db/test-databases";
import type { Kysely } from "kysely";
import { type Contact, contactRow, insertContact } from "../contacts/contact-queries";
import { insertFirm } from "../firms/firm-queries";
import { portalMigrations } from "../storage/migrations";
import type { PortalDB } from "../storage/schema";
import { completeInvitation, createInvitation, revokeInvitations } from "./invitation-queries";
import { copyAndLatest } from "./invitation-test-support";

/** The migrations before the copy existed: a database as it stood when 1820 was first run on it. */
const beforeCopy = Object.fromEntries(
  Object.entries(portalMigrations).filter(([name]) => name < "1820_latest_invitation_copy"),
);

for (const target of await testTargets()) {
  describe(`the contact's copy of its latest invitation (${target.label})`, () => {
    let db: Kysely<PortalDB>;
    let close: () => Promise<void>;
    let firmId = "";
    let n = 0;
    const person = () => ({
      civility: "mme" as const,
      firstName: "Camille",
      lastName: `Durand${n}`,
      email: `camille${n++}@client.example`,
      phone: null,
      language: "fr" as const,
    });
    const newContact = (): Promise<Contact> => insertContact(db, firmId, person());
    const agrees = async (contactId: string) => {
      const { copy, latest } = await copyAndLatest(db, contactId);
      assert.deepEqual(copy, latest);
      return copy;
    };

    before(async () => {
      const database = await openTestDatabase<PortalDB>(target, "invitation_copy");
      db = database.db;
      close = () => database.close();
      await migrateToLatest(db as Kysely<unknown>, beforeCopy);
      firmId = (await insertFirm(db, { code: "YPN", name: "Cabinet YPN" })).id;
    });
    after(() => close());

    it("is filled from the invitations when the migration runs", async () => {
      const now = Date.now();
      // Written as the release before the copy wrote them: contacts without it, invitations only.
      const oldContact = async () => {
        const {
          invitation_id,
          invitation_created_at,
          invitation_expires_at,
          invitation_revoked_at,
          invitation_completed_at,
          ...row
        } = contactRow(firmId, person());
        await (db as Kysely<unknown> as Kysely<{ contact: typeof row }>)
          .insertInto("contact")
          .values(row)
          .execute();
        return row;
      };
      const invitedTwice = await oldContact();
      const never = await oldContact();
      for (const [created, revoked] of [
        [now - 20 * DAY_MS, now - 19 * DAY_MS],
        [now - 2 * DAY_MS, null],
      ] as const)
        await db
          .insertInto("invitation")
          .values({
            id: randomUUID(),
            firm_id: firmId,
            contact_id: invitedTwice.id,
            token_hash: randomUUID(),
            created_at: created,
            expires_at: created + 14 * DAY_MS,
            last_sent_at: created,
            send_count: 1,
            revoked_at: revoked,
            completed_at: null,
          })
          .execute();
      await migrateToLatest(db as Kysely<unknown>, portalMigrations);
      assert.equal((await agrees(invitedTwice.id)).created_at, now - 2 * DAY_MS);
      assert.equal((await agrees(never.id)).id, null);
    });

    it("follows each write: invited, revoked, invited again, an older one answered, the latest answered", async () => {
      const now = Date.now();
      const contact = await newContact();
      await createInvitation(db, firmId, contact.id, now - 3 * DAY_MS);
      assert.equal((await agrees(contact.id)).revoked_at, null);
      await revokeInvitations(db, contact.id, now - 2 * DAY_MS);
      assert.equal((await agrees(contact.id)).revoked_at, now - 2 * DAY_MS);
      const { invitation: latest } = await createInvitation(db, firmId, contact.id, now - DAY_MS);
      assert.equal((await agrees(contact.id)).id, latest.id);
      // Written later with an earlier time: not the latest, and its answer changes nothing shown.
      const { invitation: older } = await createInvitation(db, firmId, contact.id, now - 5 * DAY_MS);
      assert.equal((await agrees(contact.id)).id, latest.id);
      assert.equal(await completeInvitation(db, older.id, now), true);
      assert.equal((await agrees(contact.id)).completed_at, null);
      assert.equal(await completeInvitation(db, latest.id, now), true);
      assert.equal((await agrees(contact.id)).completed_at, now);
    });
  });
}
