/**
 * Tests move invitations in time (sent 20 days ago, expired, revoked by hand) by rewriting their
 * rows; this does it as the product's own writes do, with the contact's copy of its latest
 * invitation (latest-invitation-copy.ts), so the dashboard reads what the rewritten rows say.
 */
import type { Kysely, UpdateQueryBuilder, UpdateResult } from "kysely";
import type { InvitationTable } from "../storage/invitation-table";
import type { PortalDB } from "../storage/schema";
import { latestInvitation } from "./invitation-queries";
import { copyInvitationChange, copyNewInvitation } from "./latest-invitation-copy";

type Rewritable = Partial<
  Pick<InvitationTable, "created_at" | "expires_at" | "last_sent_at" | "revoked_at" | "completed_at">
>;

export async function rewriteInvitations(
  db: Kysely<PortalDB>,
  change: Rewritable,
  which: (
    q: UpdateQueryBuilder<PortalDB, "invitation", "invitation", UpdateResult>,
  ) => UpdateQueryBuilder<PortalDB, "invitation", "invitation", UpdateResult>,
): Promise<void> {
  const rewritten = await which(db.updateTable("invitation").set(change)).returning("id").execute();
  await copyInvitationChange(
    db,
    rewritten.map((r) => r.id),
    change,
  );
}

/** An invitation written as it stands (a fixture's), with its contact's copy. */
export async function insertInvitation(db: Kysely<PortalDB>, invitation: InvitationTable): Promise<void> {
  await db.insertInto("invitation").values(invitation).execute();
  await copyNewInvitation(db, invitation);
}

/**
 * The contact's copy of its latest invitation and that invitation itself, in one shape: equal
 * whenever the copy is right.
 */
export async function copyAndLatest(db: Kysely<PortalDB>, contactId: string) {
  const contact = await db
    .selectFrom("contact")
    .selectAll()
    .where("id", "=", contactId)
    .executeTakeFirstOrThrow();
  const latest = await latestInvitation(db, contactId);
  return {
    copy: {
      id: contact.invitation_id,
      created_at: contact.invitation_created_at,
      expires_at: contact.invitation_expires_at,
      revoked_at: contact.invitation_revoked_at,
      completed_at: contact.invitation_completed_at,
    },
    latest: {
      id: latest?.id ?? null,
      created_at: latest?.created_at ?? null,
      expires_at: latest?.expires_at ?? null,
      revoked_at: latest?.revoked_at ?? null,
      completed_at: latest?.completed_at ?? null,
    },
  };
}
