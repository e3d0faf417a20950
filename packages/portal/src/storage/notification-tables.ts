import { TIME } from "@sesame/kit/db/columns";
import type { Kysely } from "kysely";

/** What the firm is told about: a contact moved on. */
export type NotificationKind =
  | "invitation_accepted"
  | "account_created"
  | "approval_granted"
  | "approval_requested";

/** One thing that happened to one contact, recorded in the transaction of the operation that caused it. */
export interface NotificationTable {
  id: string;
  firm_id: string;
  contact_id: string;
  kind: NotificationKind;
  created_at: number;
}

/** Who is told: the accountants in charge of the contact's dossiers, else the firm's administrators. */
export interface NotificationRecipientTable {
  notification_id: string;
  staff_id: string;
  created_at: number;
  read_at: number | null;
  /** Set when a digest took it (sent, or left out because its kind is switched off). */
  digested_at: number | null;
}

/** A staff member's choices: the kinds switched off (comma-separated; default all on) and the mail language. */
export interface NotificationPreferenceTable {
  staff_id: string;
  muted_kinds: string;
  language: "fr" | "en";
  /** When the last digest mail went out: the next one waits for the batch period after it. */
  last_digest_at: number | null;
  updated_at: number;
}

export interface NotificationTables {
  notification: NotificationTable;
  notification_recipient: NotificationRecipientTable;
  notification_preference: NotificationPreferenceTable;
}

/** Migration 1200. */
export async function createNotificationTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("notification")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("firm_id", "text", (c) => c.notNull().references("firm.id"))
    .addColumn("contact_id", "text", (c) => c.notNull().references("contact.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("created_at", TIME, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("notification_recipient")
    .addColumn("notification_id", "text", (c) => c.notNull().references("notification.id"))
    .addColumn("staff_id", "text", (c) => c.notNull().references("staff.id"))
    .addColumn("created_at", TIME, (c) => c.notNull())
    .addColumn("read_at", TIME)
    .addColumn("digested_at", TIME)
    .addPrimaryKeyConstraint("notification_recipient_pk", ["notification_id", "staff_id"])
    .execute();
  await db.schema
    .createIndex("notification_recipient_by_staff")
    .on("notification_recipient")
    .columns(["staff_id", "created_at"])
    .execute();
  // The digest planner's look at what no digest took yet, every pass.
  await db.schema
    .createIndex("notification_recipient_undigested")
    .on("notification_recipient")
    .columns(["digested_at", "staff_id"])
    .execute();
  await db.schema
    .createTable("notification_preference")
    .addColumn("staff_id", "text", (c) => c.primaryKey().references("staff.id"))
    .addColumn("muted_kinds", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("last_digest_at", TIME)
    .addColumn("updated_at", TIME, (c) => c.notNull())
    .execute();
}
