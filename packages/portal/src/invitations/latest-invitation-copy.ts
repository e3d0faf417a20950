import type { Kysely } from "kysely";
import type { InvitationTable } from "../storage/invitation-table";
import type { PortalDB } from "../storage/schema";

/** What the contact row keeps of its latest invitation (ContactTable's `invitation_*` columns). */
type CopiedFields = Pick<InvitationTable, "created_at" | "expires_at" | "revoked_at" | "completed_at">;

/** The contact's columns that copy an invitation as its latest. */
export function copyOf(invitation: CopiedFields & Pick<InvitationTable, "id">) {
  return {
    invitation_id: invitation.id,
    invitation_created_at: invitation.created_at,
    invitation_expires_at: invitation.expires_at,
    invitation_revoked_at: invitation.revoked_at,
    invitation_completed_at: invitation.completed_at,
  };
}

/**
 * A new invitation becomes its contact's latest, unless the copy already holds a later one (an
 * invitation written with an earlier time). Called in the transaction that inserts it.
 */
export async function copyNewInvitation(
  db: Kysely<PortalDB>,
  invitation: CopiedFields & Pick<InvitationTable, "id" | "contact_id">,
): Promise<void> {
  await db
    .updateTable("contact")
    .set(copyOf(invitation))
    .where("id", "=", invitation.contact_id)
    .where((eb) =>
      eb.or([
        eb("invitation_created_at", "is", null),
        eb("invitation_created_at", "<=", invitation.created_at),
      ]),
    )
    .execute();
}

/**
 * A change to some invitations, copied to the contacts whose latest they are. Keyed by the
 * invitations' ids, not by the contact, so that an invitation created meanwhile by another
 * transaction (which then became the latest) never receives a change meant for an older one.
 */
export async function copyInvitationChange(
  db: Kysely<PortalDB>,
  invitationIds: readonly string[],
  change: Partial<CopiedFields>,
): Promise<void> {
  if (invitationIds.length === 0) return;
  const set: {
    invitation_created_at?: number;
    invitation_expires_at?: number;
    invitation_revoked_at?: number | null;
    invitation_completed_at?: number | null;
  } = {};
  if (change.created_at !== undefined) set.invitation_created_at = change.created_at;
  if (change.expires_at !== undefined) set.invitation_expires_at = change.expires_at;
  if (change.revoked_at !== undefined) set.invitation_revoked_at = change.revoked_at;
  if (change.completed_at !== undefined) set.invitation_completed_at = change.completed_at;
  if (Object.keys(set).length === 0) return;
  await db.updateTable("contact").set(set).where("invitation_id", "in", invitationIds).execute();
}
