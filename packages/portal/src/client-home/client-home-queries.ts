import type { Kysely } from "kysely";
import type { Contact } from "../contacts/contact-queries";
import type { PortalDB } from "../storage/schema";

/** Firms where the same person (tid, oid, never the address) is a contact too. */
export async function otherFirmsOf(db: Kysely<PortalDB>, contact: Contact) {
  if (!contact.tid || !contact.oid) return [];
  return db
    .selectFrom("contact")
    .innerJoin("firm", "firm.id", "contact.firm_id")
    .select(["firm.code", "firm.name"])
    .where("contact.tid", "=", contact.tid)
    .where("contact.oid", "=", contact.oid)
    .where("contact.firm_id", "!=", contact.firm_id)
    .orderBy("firm.name")
    .execute();
}
