import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { InvitationTable } from "../storage/invitation-table";
import type { PortalDB } from "../storage/schema";
import { copyInvitationChange, copyNewInvitation } from "./latest-invitation-copy";

export const INVITATION_TTL_MS = 14 * 24 * 60 * 60 * 1000;

export type Invitation = InvitationTable;

export const hashToken = (token: string): string => createHash("sha256").update(token).digest("base64url");

/** A new invitation; returns the token for the link (only its hash is stored). */
export async function createInvitation(
  db: Kysely<PortalDB>,
  firmId: string,
  contactId: string,
  now = Date.now(),
) {
  const token = randomBytes(32).toString("base64url");
  const invitation: Invitation = {
    id: randomUUID(),
    firm_id: firmId,
    contact_id: contactId,
    token_hash: hashToken(token),
    created_at: now,
    expires_at: now + INVITATION_TTL_MS,
    last_sent_at: now,
    send_count: 1,
    revoked_at: null,
    completed_at: null,
  };
  await db.insertInto("invitation").values(invitation).execute();
  await copyNewInvitation(db, invitation);
  return { token, invitation };
}

export async function latestInvitation(db: Kysely<PortalDB>, contactId: string) {
  return db
    .selectFrom("invitation")
    .selectAll()
    .where("contact_id", "=", contactId)
    .orderBy("created_at", "desc")
    .limit(1)
    .executeTakeFirst();
}

/** The invitation a link belongs to: its first link, or one sent with a reminder. */
export async function findInvitationByToken(db: Kysely<PortalDB>, token: string) {
  const hash = hashToken(token);
  const first = await db
    .selectFrom("invitation")
    .selectAll()
    .where("token_hash", "=", hash)
    .executeTakeFirst();
  if (first) return first;
  return db
    .selectFrom("invitation_link")
    .innerJoin("invitation", "invitation.id", "invitation_link.invitation_id")
    .selectAll("invitation")
    .where("invitation_link.token_hash", "=", hash)
    .executeTakeFirst();
}

/** The contact's invitation still waiting for an answer (not accepted, revoked or expired). */
export async function openInvitation(db: Kysely<PortalDB>, contactId: string, now = Date.now()) {
  return db
    .selectFrom("invitation")
    .selectAll()
    .where("contact_id", "=", contactId)
    .where("revoked_at", "is", null)
    .where("completed_at", "is", null)
    .where("expires_at", ">", now)
    .orderBy("created_at", "desc")
    .limit(1)
    .executeTakeFirst();
}

/**
 * A reminder of the same invitation (by staff, or automatic): one more link, the earlier ones keep
 * working; the sending is counted. Returns the new link's token (only its hash is stored).
 */
export async function addReminderLink(db: Kysely<PortalDB>, invitationId: string, now = Date.now()) {
  const token = randomBytes(32).toString("base64url");
  await db
    .insertInto("invitation_link")
    .values({ token_hash: hashToken(token), invitation_id: invitationId, created_at: now })
    .execute();
  await db
    .updateTable("invitation")
    .set((eb) => ({ last_sent_at: now, send_count: eb("send_count", "+", 1) }))
    .where("id", "=", invitationId)
    .execute();
  return token;
}

/** Revokes every open invitation of the contact: none of its links opens the guide any more. */
export async function revokeInvitations(db: Kysely<PortalDB>, contactId: string, now = Date.now()) {
  const revoked = await db
    .updateTable("invitation")
    .set({ revoked_at: now })
    .where("contact_id", "=", contactId)
    .where("revoked_at", "is", null)
    .where("completed_at", "is", null)
    .returning("id")
    .execute();
  await copyInvitationChange(
    db,
    revoked.map((r) => r.id),
    { revoked_at: now },
  );
}

/** Single use: only the first completion wins. */
export async function completeInvitation(db: Kysely<PortalDB>, id: string, now = Date.now()) {
  const result = await db
    .updateTable("invitation")
    .set({ completed_at: now })
    .where("id", "=", id)
    .where("completed_at", "is", null)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  await copyInvitationChange(db, [id], { completed_at: now });
  return true;
}

/** The newest invitation of each contact given, in one query (the list page). */
export async function latestInvitations(db: Kysely<PortalDB>, contactIds: readonly string[]) {
  const latest = new Map<string, Invitation>();
  if (contactIds.length === 0) return latest;
  const rows = await db
    .selectFrom("invitation")
    .selectAll()
    .where("contact_id", "in", contactIds)
    .orderBy("created_at")
    .execute();
  for (const row of rows) latest.set(row.contact_id, row);
  return latest;
}

/** The contact an invitation is for (the guide's person), within the firm. */
export async function invitedContact(db: Kysely<PortalDB>, firmId: string, contactId: string) {
  return db
    .selectFrom("contact")
    .selectAll()
    .where("firm_id", "=", firmId)
    .where("id", "=", contactId)
    .executeTakeFirst();
}

/** The redeem link of a contact invited as a guest of the firm's tenant, while guest access is on. */
export async function guestRedeemUrl(db: Kysely<PortalDB>, contactId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("contact_guest")
    .select("redeem_url")
    .where("contact_id", "=", contactId)
    .where("enabled", "=", 1)
    .executeTakeFirst();
  return row?.redeem_url;
}
