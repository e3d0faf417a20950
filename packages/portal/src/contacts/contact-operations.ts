import { isUniqueViolation } from "@sesame/kit/db/unique-violation";
import { type AuditEntry, audited } from "@sesame/kit/operations/audited";
import type { Kysely } from "kysely";
import type { StaffRequest } from "../firms/firm-access";
import { inviteIn } from "../invitations/invitation-operations";
import { saveReadiness } from "../readiness/readiness-queries";
import type { Readiness } from "../readiness/readiness-rules";
import type { PortalContext } from "../service/portal-context";
import type { PortalDB } from "../storage/schema";
import {
  type Contact,
  type ContactInput,
  contactRow,
  type DossierRights,
  insertContact,
  linkDossier,
} from "./contact-queries";

export interface NewContact {
  readonly contact: ContactInput;
  /** Checked before the operation: the discovery calls never run inside a transaction. */
  readonly readiness: Readiness;
  readonly dossier?: DossierRights;
  readonly invite: boolean;
}

/**
 * Creates a contact with their readiness, their first dossier and, if asked, their invitation:
 * all of it with its audit entries in one transaction, the mail in the outbox with it.
 */
export async function createContact(
  ctx: PortalContext,
  who: StaffRequest,
  input: NewContact,
): Promise<{ ok: true; contact: Contact } | { ok: false; refusal: "contact.error.duplicate" }> {
  try {
    const contact = await audited(ctx, { name: who.staff.email }, async (trx) => {
      const row = await insertContact(trx, who.firm.id, input.contact);
      await saveReadiness(trx, row.id, input.readiness);
      if (input.dossier) await linkDossier(trx, row.id, input.dossier);
      const audit: AuditEntry[] = [{ scope: who.firm.id, action: "contact.create", target: row.email }];
      if (input.invite) audit.push(await inviteIn(ctx, trx, who, row));
      return { result: row, audit };
    });
    if (input.invite) ctx.mailQueued();
    return { ok: true, contact };
  } catch (error) {
    // The same address twice in the firm (unique index), also when two people add it at once.
    if (!isUniqueViolation(error)) throw error;
    return { ok: false, refusal: "contact.error.duplicate" };
  }
}

/** Gives a contact access to a dossier (or changes their rights on it). */
export async function linkContactToDossier(
  ctx: PortalContext,
  who: StaffRequest,
  contact: Contact,
  link: DossierRights & { readonly siren: string },
): Promise<void> {
  await audited(ctx, { name: who.staff.email }, async (trx) => {
    await linkDossier(trx, contact.id, link);
    return {
      result: undefined,
      audit: { scope: who.firm.id, action: "contact.link", target: `${contact.email} → ${link.siren}` },
    };
  });
}

/**
 * The create step inside an operation's own transaction (the CSV import creates a whole file in
 * one transaction and one audit entry); a duplicate address throws and rolls it back.
 */
export async function createContactsIn(
  trx: Kysely<PortalDB>,
  firmId: string,
  rows: readonly { contact: ContactInput; links: readonly DossierRights[] }[],
): Promise<void> {
  for (const { contact, links } of rows) {
    const row = contactRow(firmId, contact);
    await trx.insertInto("contact").values(row).execute();
    for (const link of links) await linkDossier(trx, row.id, link);
  }
}
