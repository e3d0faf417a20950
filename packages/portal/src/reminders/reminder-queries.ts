import type { Kysely } from "kysely";
import type { PortalDB } from "../storage/schema";

export async function storedReminderDays(db: Kysely<PortalDB>, firmId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("reminder_settings")
    .select("days")
    .where("firm_id", "=", firmId)
    .executeTakeFirst();
  return row?.days;
}

export async function storeReminderDays(db: Kysely<PortalDB>, firmId: string, days: string, now: number) {
  await db
    .insertInto("reminder_settings")
    .values({ firm_id: firmId, days, updated_at: now })
    .onConflict((oc) => oc.column("firm_id").doUpdateSet({ days, updated_at: now }))
    .execute();
}

/** Every firm's stored schedule (firms without a row use the default). */
export async function allReminderDays(db: Kysely<PortalDB>): Promise<Map<string, string>> {
  const rows = await db.selectFrom("reminder_settings").select(["firm_id", "days"]).execute();
  return new Map(rows.map((r) => [r.firm_id, r.days]));
}

/**
 * Invitations still waiting for their person, sent at least a day ago: not revoked, not used, not
 * expired, for a contact who has not signed in yet. With the steps already sent for each.
 */
export async function unansweredInvitations(db: Kysely<PortalDB>, now: number, minAgeMs: number) {
  const rows = await db
    .selectFrom("invitation")
    .innerJoin("contact", "contact.id", "invitation.contact_id")
    .select(["invitation.id", "invitation.firm_id", "invitation.created_at"])
    .where("invitation.revoked_at", "is", null)
    .where("invitation.completed_at", "is", null)
    .where("invitation.expires_at", ">", now)
    .where("invitation.created_at", "<=", now - minAgeMs)
    .where("contact.tid", "is", null)
    .execute();
  const sent = new Map<string, number[]>();
  if (rows.length > 0) {
    const reminders = await db
      .selectFrom("invitation_reminder")
      .select(["invitation_id", "step_days"])
      .where(
        "invitation_id",
        "in",
        rows.map((r) => r.id),
      )
      .execute();
    for (const r of reminders) sent.set(r.invitation_id, [...(sent.get(r.invitation_id) ?? []), r.step_days]);
  }
  return rows.map((r) => ({ ...r, sentSteps: sent.get(r.id) ?? [] }));
}

/** Records the reminder of one step; false when it was already recorded (it is sent once). */
export async function recordReminder(db: Kysely<PortalDB>, invitationId: string, step: number, now: number) {
  const result = await db
    .insertInto("invitation_reminder")
    .values({ invitation_id: invitationId, step_days: step, sent_at: now })
    .onConflict((oc) => oc.columns(["invitation_id", "step_days"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}
