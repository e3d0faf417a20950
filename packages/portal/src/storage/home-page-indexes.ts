import type { Kysely } from "kysely";

/**
 * Indexes for the pages a firm of 10,000 contacts opens all day (issue 17, bench/src/portal/): each
 * turns a scan of a whole table into a look-up of the rows the page shows.
 */
export async function addHomePageIndexes(db: Kysely<unknown>): Promise<void> {
  // Client home: the items awaiting a contact, found from their dossiers (was: every list scanned).
  await db.schema
    .createIndex("request_item_by_dossier")
    .on("request_item")
    .columns(["dossier_id", "status"])
    .execute();
  // Firm home: the messages a staff member has read, per dossier (was: every read mark scanned).
  await db.schema
    .createIndex("message_read_by_person")
    .on("message_read")
    .columns(["person_kind", "person_id", "dossier_id"])
    .execute();
  // Onboarding dashboard: contacts in name order, invitations and forwarded approval links per firm.
  await db.schema
    .createIndex("contact_by_name")
    .on("contact")
    .columns(["firm_id", "last_name", "first_name", "id"])
    .execute();
  await db.schema
    .createIndex("invitation_by_firm")
    .on("invitation")
    .columns(["firm_id", "created_at"])
    .execute();
  await db.schema
    .createIndex("audit_by_action")
    .on("audit_entry")
    .columns(["firm_id", "action", "at"])
    .execute();
  await db.schema.createIndex("dossier_by_display_name").on("dossier").columns(["firm_id", "name"]).execute();
}
