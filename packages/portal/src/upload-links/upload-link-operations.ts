import { randomUUID } from "node:crypto";
import { narrow } from "@sesame/kit/db/database";
import { enqueueMail } from "@sesame/kit/mail/outbox";
import type { MailTables } from "@sesame/kit/mail/outbox-table";
import { audited } from "@sesame/kit/operations/audited";
import { escapeHtml } from "@sesame/kit/ui/html";
import { translate } from "../i18n/messages";
import { addReminderLink, createInvitation, openInvitation } from "../invitations/invitation-queries";
import type { PortalContext } from "../service/portal-context";
import type { FirmTable } from "../storage/firm-tables";
import type { PortalDB } from "../storage/schema";
import type { UploadLinkTable } from "../storage/upload-link-tables";
import { countWrongTry } from "./upload-link-queries";
import {
  CODE_TTL_MS,
  type CodeCheck,
  checkCode,
  LINK_TTL_MS,
  newCode,
  newToken,
  SESSION_TTL_MS,
  sha256,
} from "./upload-link-rules";

export const depotUrl = (origin: string, firmCode: string, token: string): string =>
  `${origin}/${firmCode}/depot/${token}`;

const mail = (to: string, from: string, subject: string, lines: readonly string[]) => ({
  to,
  from,
  subject,
  text: lines.join("\n\n"),
  html: lines.map((l) => `<p>${escapeHtml(l)}</p>`).join(""),
});

/**
 * Staff send a contact without an account a link to upload into one folder of a dossier: the link
 * (its token stored hashed) and its mail, in the contact's language, in one audited write.
 */
export async function createUploadLink(
  ctx: PortalContext,
  staff: { email: string },
  input: {
    firm: FirmTable;
    dossier: { id: string; name: string };
    folder: { id: string; name: string };
    contact: { id: string; email: string; language: "fr" | "en" };
    requestListId?: string;
  },
): Promise<string> {
  const token = newToken();
  const now = Date.now();
  await audited(ctx, { name: staff.email }, async (trx) => {
    await trx
      .insertInto("upload_link")
      .values({
        id: randomUUID(),
        token_hash: sha256(token),
        firm_id: input.firm.id,
        dossier_id: input.dossier.id,
        folder_id: input.folder.id,
        request_list_id: input.requestListId ?? null,
        contact_id: input.contact.id,
        email: input.contact.email,
        created_by: staff.email,
        created_at: now,
        expires_at: now + LINK_TTL_MS,
        revoked_at: null,
        code_hash: null,
        code_expires_at: null,
        code_tries: 0,
        session_hash: null,
        session_expires_at: null,
      })
      .execute();
    const t = translate(input.contact.language);
    const params = { firm: input.firm.name, dossier: input.dossier.name, folder: input.folder.name };
    await enqueueMail(
      narrow<MailTables, PortalDB>(trx),
      mail(input.contact.email, ctx.config.SESAME_MAIL_FROM, t("uploadLink.mail.subject", params), [
        t("uploadLink.mail.body", params),
        `${t("uploadLink.mail.cta")}${t("portal.colon")} ${depotUrl(ctx.origin, input.firm.code, token)}`,
        t("uploadLink.mail.expiry"),
      ]),
    );
    return {
      result: undefined,
      audit: {
        scope: input.firm.id,
        action: "uploadLink.create",
        target: `${input.contact.email} · ${input.dossier.name}`,
      },
    };
  });
  ctx.mailQueued();
  return token;
}

/** A fresh code for the link, mailed to its address; any earlier code stops working. */
export async function sendCode(
  ctx: PortalContext,
  firm: FirmTable,
  link: UploadLinkTable,
  locale: "fr" | "en",
): Promise<void> {
  const code = newCode();
  await audited(ctx, { name: link.email }, async (trx) => {
    await trx
      .updateTable("upload_link")
      .set({ code_hash: sha256(code), code_expires_at: Date.now() + CODE_TTL_MS, code_tries: 0 })
      .where("id", "=", link.id)
      .execute();
    const t = translate(locale);
    await enqueueMail(
      narrow<MailTables, PortalDB>(trx),
      mail(link.email, ctx.config.SESAME_MAIL_FROM, t("uploadLink.code.subject", { firm: firm.name }), [
        t("uploadLink.code.body", { code }),
        t("uploadLink.code.ignore"),
      ]),
    );
    return { result: undefined, audit: { scope: firm.id, action: "uploadLink.code", target: link.email } };
  });
  ctx.mailQueued();
}

/**
 * Checks a typed code. Right: the code is used up (a conditional update, so two browsers racing
 * with the same code get one session) and this browser gets a session cookie value. Wrong: one try
 * counted against the pending code.
 */
export async function proveCode(
  ctx: PortalContext,
  link: UploadLinkTable,
  typed: string,
): Promise<{ check: CodeCheck; session?: string }> {
  const now = Date.now();
  const check = checkCode(link, typed, now);
  if (check === "wrong") await countWrongTry(ctx.db, link);
  if (check !== "ok") return { check };
  const session = newToken();
  const used = await audited(ctx, { name: link.email }, async (trx) => {
    const done = await trx
      .updateTable("upload_link")
      .set({
        code_hash: null,
        code_expires_at: null,
        session_hash: sha256(session),
        session_expires_at: now + SESSION_TTL_MS,
      })
      .where("id", "=", link.id)
      .where("code_hash", "=", link.code_hash)
      .executeTakeFirst();
    return {
      result: Number(done.numUpdatedRows) === 1,
      audit: { scope: link.firm_id, action: "uploadLink.open", target: link.email },
    };
  });
  return used ? { check, session } : { check: "noCode" };
}

/**
 * The onboarding guide's link for the contact behind an upload link: a new link to their open
 * invitation, or a new invitation (what the firm's invitation would give them, without a mail).
 */
export async function guideTokenFor(ctx: PortalContext, link: UploadLinkTable): Promise<string> {
  return audited(ctx, { name: link.email }, async (trx) => {
    const open = await openInvitation(trx, link.contact_id);
    const token = open
      ? await addReminderLink(trx, open.id)
      : (await createInvitation(trx, link.firm_id, link.contact_id)).token;
    return { result: token, audit: { scope: link.firm_id, action: "uploadLink.guide", target: link.email } };
  });
}
