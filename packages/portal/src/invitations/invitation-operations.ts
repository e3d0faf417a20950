import { narrow } from "@sesame/kit/db/database";
import type { Locale } from "@sesame/kit/i18n/i18n";
import { enqueueMail } from "@sesame/kit/mail/outbox";
import type { MailTables } from "@sesame/kit/mail/outbox-table";
import { type AuditEntry, audited } from "@sesame/kit/operations/audited";
import { escapeHtml } from "@sesame/kit/ui/html";
import type { Kysely } from "kysely";
import type { PortalActor } from "../audit/audit-log";
import { translate } from "../i18n/messages";
import { recordNotification } from "../notifications/notification-events";
import type { PortalContext } from "../service/portal-context";
import type { ContactTable } from "../storage/contact-tables";
import type { FirmTable } from "../storage/firm-tables";
import type { PortalDB } from "../storage/schema";
import { queueInvitation } from "./invitation-mail";
import { revokeInvitations } from "./invitation-queries";

/** Who invites: a staff member of the firm. */
export interface Inviter {
  readonly firm: FirmTable;
  readonly staff: { readonly email: string };
}

/**
 * The invitation step inside an operation's transaction (creating a contact can invite at once):
 * any open link dies, a new one is made, its mail goes into the outbox in the same transaction.
 * The caller wakes the mail sender after commit.
 */
export async function inviteIn(
  ctx: PortalContext,
  trx: Kysely<PortalDB>,
  who: Inviter,
  contact: ContactTable,
): Promise<AuditEntry> {
  const { reminder } = await queueInvitation(ctx, trx, who.firm, contact);
  return {
    scope: who.firm.id,
    action: reminder ? "invitation.remind" : "invitation.send",
    target: contact.email,
  };
}

/** Invites a contact, or reminds them of their open invitation; someone already signed in needs no invitation. */
export async function sendInvitation(
  ctx: PortalContext,
  who: Inviter,
  contact: ContactTable,
): Promise<{ ok: true; reminder: boolean } | { ok: false; refusal: "contact.invitation.active" }> {
  if (contact.tid) return { ok: false, refusal: "contact.invitation.active" };
  const audit = await audited(ctx, actorOf(who), async (trx) => {
    const entry = await inviteIn(ctx, trx, who, contact);
    return { result: entry, audit: entry };
  });
  ctx.mailQueued();
  return { ok: true, reminder: audit.action === "invitation.remind" };
}

/** Every open link of the contact stops working. */
export async function revokeInvitation(
  ctx: PortalContext,
  who: Inviter,
  contact: ContactTable,
): Promise<void> {
  await audited(ctx, actorOf(who), async (trx) => {
    await revokeInvitations(trx, contact.id);
    return {
      result: undefined,
      audit: { scope: who.firm.id, action: "invitation.revoke", target: contact.email },
    };
  });
}

/**
 * The invited person sends the approval link to their organization's administrator. The mail is
 * in the person's language (the page's) and goes through the outbox; the log shows who it went to.
 */
export async function forwardApprovalRequest(
  ctx: PortalContext,
  input: {
    firm: FirmTable;
    contact: ContactTable;
    adminEmail: string;
    approvalLink: string;
    locale: Locale;
  },
): Promise<void> {
  const { firm, contact, adminEmail, approvalLink: link } = input;
  const t = translate(input.locale);
  const params = {
    firm: firm.name,
    name: `${contact.first_name} ${contact.last_name}`,
    email: contact.email,
  };
  await audited(ctx, { name: contact.email }, async (trx) => {
    await enqueueMail(narrow<MailTables, PortalDB>(trx), {
      to: adminEmail,
      from: ctx.config.SESAME_MAIL_FROM,
      subject: t("forward.mail.subject", params),
      text: `${t("forward.mail.body", params)}\n\n${link}\n\n${t("forward.mail.why")}`,
      html: `<p>${escapeHtml(t("forward.mail.body", params))}</p><p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p><p>${escapeHtml(t("forward.mail.why"))}</p>`,
    });
    return { result: undefined, audit: { scope: firm.id, action: "approval.forward", target: adminEmail } };
  });
  ctx.mailQueued();
}

const actorOf = (who: Inviter): PortalActor => ({ name: who.staff.email });

/**
 * The invited person sent a request from Microsoft's "Need admin approval" page (their organization
 * runs the admin consent workflow): the firm sees "approval requested" until the person signs in.
 */
export async function recordApprovalRequested(
  ctx: PortalContext,
  input: { firm: FirmTable; contact: ContactTable },
): Promise<void> {
  await audited(ctx, { name: input.contact.email }, async (trx) => {
    await trx
      .updateTable("contact")
      .set({ approval_requested_at: Date.now() })
      .where("id", "=", input.contact.id)
      .where("firm_id", "=", input.firm.id)
      .execute();
    if (input.contact.approval_requested_at === null)
      await recordNotification(trx, {
        firmId: input.firm.id,
        contactId: input.contact.id,
        kind: "approval_requested",
      });
    return {
      result: undefined,
      audit: { scope: input.firm.id, action: "approval.requested", target: input.contact.email },
    };
  });
}
