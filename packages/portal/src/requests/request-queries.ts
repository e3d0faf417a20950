import type { Kysely } from "kysely";
import type { DossierScope } from "../documents/document-queries";
import type { RequestItemTable } from "../storage/request-tables";
import type { PortalDB } from "../storage/schema";

export type RequestItem = RequestItemTable;

export async function storedTemplates(db: Kysely<PortalDB>, firmId: string) {
  return db
    .selectFrom("request_template")
    .selectAll()
    .where("firm_id", "=", firmId)
    .orderBy("position")
    .execute();
}

/** A dossier's lists with their items' statuses, newest first. */
export async function listsOfDossier(db: Kysely<PortalDB>, scope: DossierScope) {
  const lists = await db
    .selectFrom("request_list")
    .selectAll()
    .where("firm_id", "=", scope.firmId)
    .where("dossier_id", "=", scope.dossierId)
    .orderBy("created_at", "desc")
    .execute();
  if (lists.length === 0) return [];
  const items = await db
    .selectFrom("request_item")
    .select(["list_id", "status", "due_date"])
    .where(
      "list_id",
      "in",
      lists.map((l) => l.id),
    )
    .execute();
  return lists.map((l) => ({ ...l, items: items.filter((i) => i.list_id === l.id) }));
}

/** One list of the dossier (another dossier's or firm's id: undefined). */
export async function findList(db: Kysely<PortalDB>, scope: DossierScope, listId: string) {
  return db
    .selectFrom("request_list")
    .selectAll()
    .where("id", "=", listId)
    .where("firm_id", "=", scope.firmId)
    .where("dossier_id", "=", scope.dossierId)
    .executeTakeFirst();
}

export async function itemsOfList(db: Kysely<PortalDB>, listId: string): Promise<RequestItem[]> {
  return db
    .selectFrom("request_item")
    .selectAll()
    .where("list_id", "=", listId)
    .orderBy("position")
    .execute();
}

export async function findItem(db: Kysely<PortalDB>, scope: DossierScope, listId: string, itemId: string) {
  return db
    .selectFrom("request_item")
    .selectAll()
    .where("id", "=", itemId)
    .where("list_id", "=", listId)
    .where("firm_id", "=", scope.firmId)
    .where("dossier_id", "=", scope.dossierId)
    .executeTakeFirst();
}

/**
 * The items waiting for a contact (open or rejected) in the dossiers where they may upload, with
 * their list and dossier; optionally only those due by `dueBy` and outside unsubscribed lists.
 */
export async function itemsAwaitingContact(
  db: Kysely<PortalDB>,
  contactId: string,
  options: { dueBy?: string; skipUnsubscribed?: boolean } = {},
) {
  let q = db
    .selectFrom("request_item")
    .innerJoin("request_list", "request_list.id", "request_item.list_id")
    .innerJoin("dossier", "dossier.id", "request_item.dossier_id")
    .innerJoin("contact_dossier", (j) =>
      j
        .onRef("contact_dossier.dossier_id", "=", "request_item.dossier_id")
        .on("contact_dossier.contact_id", "=", contactId),
    )
    .select([
      "request_item.id",
      "request_item.label",
      "request_item.due_date",
      "request_item.status",
      "request_item.list_id",
      "request_item.dossier_id",
      "request_list.title",
      "dossier.name as dossier_name",
    ])
    .where("contact_dossier.can_upload", "=", 1)
    .where("request_item.status", "in", ["open", "rejected"]);
  if (options.dueBy) q = q.where("request_item.due_date", "<=", options.dueBy);
  if (options.skipUnsubscribed)
    q = q.where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("request_unsubscribe")
            .select("request_unsubscribe.list_id")
            .whereRef("request_unsubscribe.list_id", "=", "request_item.list_id")
            .where("request_unsubscribe.contact_id", "=", contactId),
        ),
      ),
    );
  return q
    .orderBy("request_item.due_date")
    .orderBy("request_list.created_at")
    .orderBy("request_item.position")
    .execute();
}

export type AwaitingItem = Awaited<ReturnType<typeof itemsAwaitingContact>>[number];

/**
 * Contacts of one firm with something waiting due by `dueBy` in a dossier where they may upload, in
 * lists they did not unsubscribe from (who a digest goes to).
 */
export async function contactsToRemind(db: Kysely<PortalDB>, firmId: string, dueBy: string) {
  const rows = await db
    .selectFrom("request_item")
    .innerJoin("contact_dossier", "contact_dossier.dossier_id", "request_item.dossier_id")
    .leftJoin("request_unsubscribe", (j) =>
      j
        .onRef("request_unsubscribe.list_id", "=", "request_item.list_id")
        .onRef("request_unsubscribe.contact_id", "=", "contact_dossier.contact_id"),
    )
    .select("contact_dossier.contact_id")
    .distinct()
    .where("request_item.firm_id", "=", firmId)
    .where("request_item.status", "in", ["open", "rejected"])
    .where("request_item.due_date", "<=", dueBy)
    .where("contact_dossier.can_upload", "=", 1)
    .where("request_unsubscribe.list_id", "is", null)
    .execute();
  return rows.map((r) => r.contact_id);
}

/** Firms with something waiting due by `dueBy`, with their digest schedule (null: default). */
export async function firmsWithDueItems(db: Kysely<PortalDB>, dueBy: string) {
  return db
    .selectFrom("request_item")
    .leftJoin("request_digest_settings", "request_digest_settings.firm_id", "request_item.firm_id")
    .select(["request_item.firm_id", "request_digest_settings.hour", "request_digest_settings.weekends"])
    .distinct()
    .where("request_item.status", "in", ["open", "rejected"])
    .where("request_item.due_date", "<=", dueBy)
    .execute();
}

export async function digestSettingsOf(db: Kysely<PortalDB>, firmId: string) {
  return db
    .selectFrom("request_digest_settings")
    .selectAll()
    .where("firm_id", "=", firmId)
    .executeTakeFirst();
}

/** Records today's digest for a person; false when one was already recorded today. */
export async function recordDigest(db: Kysely<PortalDB>, contactId: string, day: string, now: number) {
  const result = await db
    .insertInto("request_digest")
    .values({ contact_id: contactId, day, sent_at: now })
    .onConflict((oc) => oc.columns(["contact_id", "day"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/**
 * Per dossier of the firm (an accountant: theirs only): items late and answers waiting for review.
 */
export async function firmRequestSummary(
  db: Kysely<PortalDB>,
  firmId: string,
  today: string,
  accountantId?: string,
) {
  let q = db
    .selectFrom("request_item")
    .innerJoin("dossier", "dossier.id", "request_item.dossier_id")
    .leftJoin("staff", "staff.id", "dossier.accountant_id")
    .select([
      "request_item.dossier_id",
      "request_item.list_id",
      "request_item.status",
      "request_item.due_date",
    ])
    .select(["dossier.name as dossier_name", "staff.display_name as accountant"])
    .where("request_item.firm_id", "=", firmId)
    .where((eb) =>
      eb.or([
        eb("request_item.status", "=", "answered"),
        eb.and([
          eb("request_item.status", "in", ["open", "rejected"]),
          eb("request_item.due_date", "<", today),
        ]),
      ]),
    );
  // The dossier's firm is the item's: said, it lets the store start from the accountant's dossiers.
  if (accountantId)
    q = q.where("dossier.firm_id", "=", firmId).where("dossier.accountant_id", "=", accountantId);
  return q.orderBy("dossier.name_key").execute();
}
