import { BOOL, TIME } from "@sesame/kit/db/columns";
import { DAY_MS, type ExpiryRule } from "@sesame/kit/db/expiry-sweeper";
import type { Kysely } from "kysely";

/** A firm's own request template (no rows: the built-in ones, in the reader's language). */
export interface RequestTemplateTable {
  firm_id: string;
  /** The built-in template's key ("year-end", "vat", "new-client") or a new id. */
  id: string;
  name: string;
  /** One item per line: "label | folder". */
  items: string;
  position: number;
  updated_at: number;
}

/** A request list ("demande de pièces") of one dossier. */
export interface RequestListTable {
  id: string;
  firm_id: string;
  dossier_id: string;
  title: string;
  created_by: string;
  created_at: number;
}

/** open → answered → accepted; answered → rejected → answered again (by the client). */
export type RequestItemStatus = "open" | "answered" | "accepted" | "rejected";
export type RequestAnswerKind = "upload" | "comment" | "not_applicable";

export interface RequestItemTable {
  id: string;
  list_id: string;
  firm_id: string;
  dossier_id: string;
  position: number;
  label: string;
  /** The dossier folder an uploaded answer lands in. */
  folder_name: string;
  /** YYYY-MM-DD (Paris), compared as text. */
  due_date: string;
  status: RequestItemStatus;
  answer_kind: RequestAnswerKind | null;
  /** The comment, or the reason it does not apply. */
  answer_text: string | null;
  document_id: string | null;
  document_name: string | null;
  answered_by: string | null;
  answered_at: number | null;
  review_reason: string | null;
  reviewed_by: string | null;
  reviewed_at: number | null;
}

/** A contact who no longer wants reminder digests about one list (the signed link in the mail). */
export interface RequestUnsubscribeTable {
  contact_id: string;
  list_id: string;
  at: number;
}

/** One digest per person per (Paris) day: the row is written in the digest's transaction. */
export interface RequestDigestTable {
  contact_id: string;
  day: string;
  sent_at: number;
}

/** A firm's digest schedule; no row: 8 h (Paris), not on weekends. */
export interface RequestDigestSettingsTable {
  firm_id: string;
  hour: number;
  weekends: number;
  updated_at: number;
}

/** The key that signs unsubscribe links, made once and shared by every instance. */
export interface RequestLinkKeyTable {
  id: string;
  secret: string;
}

export interface RequestTables {
  request_template: RequestTemplateTable;
  request_list: RequestListTable;
  request_item: RequestItemTable;
  request_unsubscribe: RequestUnsubscribeTable;
  request_digest: RequestDigestTable;
  request_digest_settings: RequestDigestSettingsTable;
  request_link_key: RequestLinkKeyTable;
}

/** A day's digest record only matters that day; kept a month to show what was sent. */
export const requestExpiry: readonly ExpiryRule[] = [
  { table: "request_digest", column: "sent_at", keepMs: 30 * DAY_MS },
];

export async function createRequestTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("request_template")
    .addColumn("firm_id", "text", (c) => c.notNull().references("firm.id"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("items", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("updated_at", TIME, (c) => c.notNull())
    .addPrimaryKeyConstraint("request_template_pk", ["firm_id", "id"])
    .execute();
  await db.schema
    .createTable("request_list")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("firm_id", "text", (c) => c.notNull().references("firm.id"))
    .addColumn("dossier_id", "text", (c) => c.notNull().references("dossier.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", TIME, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("request_list_by_dossier").on("request_list").columns(["dossier_id"]).execute();
  await db.schema
    .createTable("request_item")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("list_id", "text", (c) => c.notNull().references("request_list.id"))
    .addColumn("firm_id", "text", (c) => c.notNull())
    .addColumn("dossier_id", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("folder_name", "text", (c) => c.notNull())
    .addColumn("due_date", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("answer_kind", "text")
    .addColumn("answer_text", "text")
    .addColumn("document_id", "text")
    .addColumn("document_name", "text")
    .addColumn("answered_by", "text")
    .addColumn("answered_at", TIME)
    .addColumn("review_reason", "text")
    .addColumn("reviewed_by", "text")
    .addColumn("reviewed_at", TIME)
    .execute();
  await db.schema
    .createIndex("request_item_by_list")
    .on("request_item")
    .columns(["list_id", "position"])
    .execute();
  await db.schema
    .createIndex("request_item_due")
    .on("request_item")
    .columns(["firm_id", "status", "due_date"])
    .execute();
  await db.schema
    .createTable("request_unsubscribe")
    .addColumn("contact_id", "text", (c) => c.notNull())
    .addColumn("list_id", "text", (c) => c.notNull())
    .addColumn("at", TIME, (c) => c.notNull())
    .addPrimaryKeyConstraint("request_unsubscribe_pk", ["contact_id", "list_id"])
    .execute();
  await db.schema
    .createTable("request_digest")
    .addColumn("contact_id", "text", (c) => c.notNull())
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("sent_at", TIME, (c) => c.notNull())
    .addPrimaryKeyConstraint("request_digest_pk", ["contact_id", "day"])
    .execute();
  await db.schema
    .createTable("request_digest_settings")
    .addColumn("firm_id", "text", (c) => c.primaryKey().references("firm.id"))
    .addColumn("hour", "integer", (c) => c.notNull())
    .addColumn("weekends", BOOL, (c) => c.notNull())
    .addColumn("updated_at", TIME, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("request_link_key")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("secret", "text", (c) => c.notNull())
    .execute();
}
