/**
 * The benchmark firm's contacts, one per dossier (every tenth in two more), spread over the
 * onboarding funnel: their invitations, automatic reminders and forwarded approval links.
 */
import { createHash, randomUUID } from "node:crypto";
import { DAY_MS as DAY } from "@sesame/kit/db/expiry-sweeper";
import { contactRow } from "@sesame/portal/contacts/contact-queries";
import { copyOf } from "@sesame/portal/invitations/latest-invitation-copy";
import type { PortalDB } from "@sesame/portal/storage/schema";
import type { Insertable } from "kysely";

export interface ContactRows {
  readonly contacts: Insertable<PortalDB["contact"]>[];
  readonly links: Insertable<PortalDB["contact_dossier"]>[];
  readonly invitations: Insertable<PortalDB["invitation"]>[];
  readonly reminders: Insertable<PortalDB["invitation_reminder"]>[];
  readonly audits: Insertable<PortalDB["audit_entry"]>[];
}

export function contactRows(
  firmId: string,
  count: number,
  dossierId: (i: number) => string,
  now: number,
): ContactRows {
  const contacts: Insertable<PortalDB["contact"]>[] = [];
  const links: Insertable<PortalDB["contact_dossier"]>[] = [];
  const invitations: Insertable<PortalDB["invitation"]>[] = [];
  const reminders: Insertable<PortalDB["invitation_reminder"]>[] = [];
  const audits: Insertable<PortalDB["audit_entry"]>[] = [];
  for (let i = 0; i < count; i++) {
    const c = contactRow(
      firmId,
      {
        civility: i % 2 ? "m" : "mme",
        firstName: `Prénom${i}`,
        lastName: `Nom${String(i).padStart(5, "0")}`,
        email: `c${i}@exemple.fr`,
        phone: null,
        language: "fr",
      },
      now - 90 * DAY + i * 1000,
    );
    // The funnel's spread: 40 % signed in, the rest invited at some step, a tenth never invited.
    const step = i % 10;
    const contact = {
      ...c,
      tid: step < 4 ? randomUUID() : null,
      oid: step < 4 ? randomUUID() : null,
      readiness_kind: step < 4 || step === 5 ? ("work" as const) : step === 6 ? ("none" as const) : null,
      readiness_consent: step < 4 ? "approved" : step === 5 ? "pending" : null,
    };
    contacts.push(contact);
    links.push({ contact_id: c.id, dossier_id: dossierId(i), can_read: 1, can_upload: 1, can_approve: 1 });
    if (i % 10 === 0)
      for (const k of [1, 2])
        links.push({
          contact_id: c.id,
          dossier_id: dossierId(i + k * 37),
          can_read: 1,
          can_upload: 1,
          can_approve: 0,
        });
    if (step !== 9) {
      const created = now - (30 - (i % 30)) * DAY;
      const invitation = {
        id: randomUUID(),
        firm_id: firmId,
        contact_id: c.id,
        token_hash: createHash("sha256").update(c.id).digest("hex"),
        created_at: created,
        expires_at: created + 30 * DAY,
        last_sent_at: created,
        send_count: 1 + (i % 3),
        revoked_at: step === 8 ? created + DAY : null,
        completed_at: step < 4 ? created + DAY : null,
      };
      invitations.push(invitation);
      // The contact's copy of its latest invitation, as the product writes it (latest-invitation-copy.ts).
      Object.assign(contact, copyOf(invitation));
      if (step >= 4 && step < 8)
        reminders.push({ invitation_id: invitation.id, step_days: 3, sent_at: created });
      if (step === 5 && i % 20 === 5)
        audits.push({
          id: randomUUID(),
          firm_id: firmId,
          actor: c.email,
          action: "approval.forward",
          target: "admin@client.fr",
          at: created + DAY,
        });
    }
  }
  return { contacts, links, invitations, reminders, audits };
}
