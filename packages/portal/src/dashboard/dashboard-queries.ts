import type { Kysely } from "kysely";
import { dossierMatches } from "../dossiers/dossier-queries";
import { latestInvitations } from "../invitations/invitation-queries";
import type { PortalDB } from "../storage/schema";
import type { FunnelState } from "./dashboard-rules";

export interface DashboardScope {
  readonly state?: FunnelState | undefined;
  readonly accountant?: string | undefined;
  /** The dossier search (dossierMatches: a name or a SIREN), or one dossier's id (a link's). */
  readonly dossier?: string | undefined;
  /** From 1; past the last page shows the last one. */
  readonly page?: number | undefined;
}

/** The contacts in scope: the firm's, or the accountant's or the matching dossiers' when filtered. */
export function scopedContacts(db: Kysely<PortalDB>, firmId: string, scope: DashboardScope) {
  let contacts = db.selectFrom("contact").where("contact.firm_id", "=", firmId);
  const { accountant, dossier } = scope;
  if (accountant)
    contacts = contacts.where("contact.id", "in", (eb) =>
      eb
        .selectFrom("contact_dossier")
        .innerJoin("dossier", "dossier.id", "contact_dossier.dossier_id")
        .select("contact_dossier.contact_id")
        .where("dossier.firm_id", "=", firmId)
        .where("dossier.accountant_id", "=", accountant),
    );
  if (dossier)
    contacts = contacts.where("contact.id", "in", (eb) =>
      eb
        .selectFrom("contact_dossier")
        .innerJoin("dossier", "dossier.id", "contact_dossier.dossier_id")
        .select("contact_dossier.contact_id")
        .where("dossier.firm_id", "=", firmId)
        .where((d) => d.or([d("dossier.id", "=", dossier), dossierMatches(d, dossier)])),
    );
  return contacts;
}

/**
 * When the approval link was last forwarded for each of these addresses: by the contact (the
 * actor), or by the firm for them (the target).
 */
async function approvalForwards(db: Kysely<PortalDB>, firmId: string, emails: readonly string[]) {
  const forwardedAt = new Map<string, number>();
  if (emails.length === 0) return forwardedAt;
  const forwards = await db
    .selectFrom("audit_entry")
    .select(["actor", "action", "target", "at"])
    .where("firm_id", "=", firmId)
    .where((eb) =>
      eb.or([
        eb.and([eb("action", "=", "approval.forward"), eb("actor", "in", emails)]),
        eb.and([eb("action", "=", "approval.forward_for"), eb("target", "in", emails)]),
      ]),
    )
    .execute();
  for (const f of forwards) {
    const email = f.action === "approval.forward" ? f.actor : f.target;
    forwardedAt.set(email, Math.max(forwardedAt.get(email) ?? 0, f.at));
  }
  return forwardedAt;
}

/**
 * The contacts of one page, whole: each with their latest invitation, their dossiers (with the
 * accountant in charge), the automatic reminders sent and when the approval link was forwarded for
 * them: all that their state and their row are read from.
 */
export async function contactDetails(db: Kysely<PortalDB>, firmId: string, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, never>();
  const [contacts, invitations, links] = await Promise.all([
    db.selectFrom("contact").selectAll().where("firm_id", "=", firmId).where("id", "in", ids).execute(),
    latestInvitations(db, ids),
    db
      .selectFrom("contact_dossier")
      .innerJoin("dossier", "dossier.id", "contact_dossier.dossier_id")
      .select(["contact_dossier.contact_id", "dossier.id", "dossier.name", "dossier.accountant_id"])
      .where("dossier.firm_id", "=", firmId)
      .where("contact_dossier.contact_id", "in", ids)
      .orderBy("dossier.name_key")
      .execute(),
  ]);
  const dossiers = new Map<string, { id: string; name: string; accountant_id: string | null }[]>();
  for (const l of links) {
    const list = dossiers.get(l.contact_id) ?? [];
    list.push({ id: l.id, name: l.name, accountant_id: l.accountant_id });
    dossiers.set(l.contact_id, list);
  }
  const invitationIds = [...invitations.values()].map((i) => i.id);
  const [reminders, forwardedAt] = await Promise.all([
    invitationIds.length === 0
      ? []
      : db
          .selectFrom("invitation_reminder")
          .select("invitation_id")
          .where("invitation_id", "in", invitationIds)
          .execute(),
    approvalForwards(
      db,
      firmId,
      contacts.map((c) => c.email),
    ),
  ]);
  const reminderCount = new Map<string, number>();
  for (const r of reminders)
    reminderCount.set(r.invitation_id, (reminderCount.get(r.invitation_id) ?? 0) + 1);
  return new Map(
    contacts.map((contact) => {
      const invitation = invitations.get(contact.id);
      return [
        contact.id,
        {
          contact,
          invitation,
          dossiers: dossiers.get(contact.id) ?? [],
          automaticReminders: invitation ? (reminderCount.get(invitation.id) ?? 0) : 0,
          approvalForwardedAt: forwardedAt.get(contact.email),
        },
      ] as const;
    }),
  );
}

/**
 * The firm's staff, for the accountant filter. Dossiers are searched instead of listed: a firm of
 * 10,000 dossiers cannot pick one from a list (the list used to stop at the first 2,000 names, and
 * weighed 170 KB on every page of the benchmark's firm).
 */
export async function filterChoices(db: Kysely<PortalDB>, firmId: string) {
  const staff = await db
    .selectFrom("staff")
    .select(["id", "display_name"])
    .where("firm_id", "=", firmId)
    .orderBy("display_name")
    .execute();
  return { staff };
}
