import type { Kysely } from "kysely";
import { latestInvitations } from "../invitations/invitation-queries";
import type { PortalDB } from "../storage/schema";

/** At most this many contacts on the dashboard (a firm runs tens to hundreds of clients). */
const LIMIT = 2000;

/**
 * Everything the dashboard shows for a firm: its contacts with their latest invitation, their
 * dossiers (with the accountant in charge), reminders sent, and when each forwarded the approval link.
 */
export async function onboardingRows(db: Kysely<PortalDB>, firmId: string) {
  const contacts = await db
    .selectFrom("contact")
    .selectAll()
    .where("firm_id", "=", firmId)
    .orderBy("last_name")
    .orderBy("first_name")
    .limit(LIMIT)
    .execute();
  const ids = contacts.map((c) => c.id);
  const invitations = await latestInvitations(db, ids);
  const links =
    ids.length === 0
      ? []
      : await db
          .selectFrom("contact_dossier")
          .innerJoin("dossier", "dossier.id", "contact_dossier.dossier_id")
          .select(["contact_dossier.contact_id", "dossier.id", "dossier.name", "dossier.accountant_id"])
          .where("dossier.firm_id", "=", firmId)
          .execute();
  const dossiers = new Map<string, { id: string; name: string; accountant_id: string | null }[]>();
  for (const l of links)
    dossiers.set(l.contact_id, [
      ...(dossiers.get(l.contact_id) ?? []),
      { id: l.id, name: l.name, accountant_id: l.accountant_id },
    ]);
  const forwards = await db
    .selectFrom("audit_entry")
    .select(["actor", "action", "target", "at"])
    .where("firm_id", "=", firmId)
    .where("action", "in", ["approval.forward", "approval.forward_for"])
    .execute();
  // The contact forwarded it (the contact is the actor), or the firm did for them (the target).
  const forwardedAt = new Map<string, number>();
  for (const f of forwards) {
    const email = f.action === "approval.forward" ? f.actor : f.target;
    forwardedAt.set(email, Math.max(forwardedAt.get(email) ?? 0, f.at));
  }
  const invitationIds = [...invitations.values()].map((i) => i.id);
  const reminders =
    invitationIds.length === 0
      ? []
      : await db
          .selectFrom("invitation_reminder")
          .select("invitation_id")
          .where("invitation_id", "in", invitationIds)
          .execute();
  const reminderCount = new Map<string, number>();
  for (const r of reminders)
    reminderCount.set(r.invitation_id, (reminderCount.get(r.invitation_id) ?? 0) + 1);
  return contacts.map((contact) => {
    const invitation = invitations.get(contact.id);
    return {
      contact,
      invitation,
      dossiers: dossiers.get(contact.id) ?? [],
      approvalForwardedAt: forwardedAt.get(contact.email),
      automaticReminders: invitation ? (reminderCount.get(invitation.id) ?? 0) : 0,
    };
  });
}

export type OnboardingRow = Awaited<ReturnType<typeof onboardingRows>>[number];

/** The firm's dossiers and staff, for the filters. */
export async function filterChoices(db: Kysely<PortalDB>, firmId: string) {
  const [dossiers, staff] = await Promise.all([
    db
      .selectFrom("dossier")
      .select(["id", "name"])
      .where("firm_id", "=", firmId)
      .orderBy("name")
      .limit(LIMIT)
      .execute(),
    db
      .selectFrom("staff")
      .select(["id", "display_name"])
      .where("firm_id", "=", firmId)
      .orderBy("display_name")
      .execute(),
  ]);
  return { dossiers, staff };
}
