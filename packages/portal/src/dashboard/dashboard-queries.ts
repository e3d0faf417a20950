import type { Kysely } from "kysely";
import { latestInvitations } from "../invitations/invitation-queries";
import type { PortalDB } from "../storage/schema";
import type { FunnelState } from "./dashboard-rules";

/** Dossiers in the dossier filter (a firm runs tens to hundreds of clients). */
const LIMIT = 2000;

export interface DashboardScope {
  readonly state?: FunnelState | undefined;
  readonly accountant?: string | undefined;
  readonly dossier?: string | undefined;
  /** From 1; past the last page shows the last one. */
  readonly page?: number | undefined;
}

/**
 * Every contact in scope (the accountant's or the dossier's, when filtered) as a light row, in the
 * dashboard's order (name), with the firm's invitations (oldest first) and forwarded approval links:
 * what the funnel is counted from.
 */
export async function contactsInScope(db: Kysely<PortalDB>, firmId: string, scope: DashboardScope) {
  let contacts = db
    .selectFrom("contact")
    .select(["id", "email", "tid", "readiness_kind", "readiness_consent", "approval_requested_at"])
    .where("firm_id", "=", firmId);
  const { accountant, dossier } = scope;
  if (accountant)
    contacts = contacts.where("id", "in", (eb) =>
      eb
        .selectFrom("contact_dossier")
        .innerJoin("dossier", "dossier.id", "contact_dossier.dossier_id")
        .select("contact_dossier.contact_id")
        .where("dossier.firm_id", "=", firmId)
        .where("dossier.accountant_id", "=", accountant),
    );
  if (dossier)
    contacts = contacts.where("id", "in", (eb) =>
      eb
        .selectFrom("contact_dossier")
        .innerJoin("dossier", "dossier.id", "contact_dossier.dossier_id")
        .select("contact_dossier.contact_id")
        .where("dossier.firm_id", "=", firmId)
        .where("dossier.id", "=", dossier),
    );
  const [rows, invitations, forwards] = await Promise.all([
    contacts.orderBy("last_name").orderBy("first_name").orderBy("id").execute(),
    db
      .selectFrom("invitation")
      .select(["contact_id", "revoked_at", "completed_at", "expires_at"])
      .where("firm_id", "=", firmId)
      .orderBy("created_at")
      .execute(),
    db
      .selectFrom("audit_entry")
      .select(["actor", "action", "target", "at"])
      .where("firm_id", "=", firmId)
      .where("action", "in", ["approval.forward", "approval.forward_for"])
      .execute(),
  ]);
  return { contacts: rows, invitations, forwards };
}

/**
 * The contacts of one page, whole: each with their latest invitation, their dossiers (with the
 * accountant in charge) and the automatic reminders sent.
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
        },
      ] as const;
    }),
  );
}

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
