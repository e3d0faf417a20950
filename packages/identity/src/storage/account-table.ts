import { BOOL, TIME } from "@sesame/kit/db/columns";
import type { ColumnType, Kysely } from "kysely";

/** A person who signs in: a personal (consumer) account or, later, a work account of a tenant. */
export interface AccountTable {
  /** The object id (oid). Personal accounts use Microsoft's 00000000-0000-0000-xxxx-xxxxxxxxxxxx shape. */
  id: string;
  tenant_id: string;
  kind: "personal" | "work";
  /** As typed by the user (display form). */
  email: string;
  /** Lower-cased NFC form; unique, which is what makes concurrent sign-ups safe. */
  email_normalized: string;
  password_hash: string;
  display_name: string;
  given_name: string | null;
  family_name: string | null;
  country: string | null;
  birth_date: string | null;
  language: string;
  email_verified_at: number | null;
  marketing_consent_at: number | null;
  enabled: number;
  created_at: number;
  updated_at: number;
  password_changed_at: number;
  // Work-account columns, added by tenants' migration 0301 (optional on insert).
  job_title: ColumnType<string | null, string | null | undefined, string | null>;
  /** 1: the admin set this password; the next sign-in must replace it before anything else. */
  must_change_password: ColumnType<number, number | undefined, number>;
  /** ISO 3166 alpha-2 country where licensed services are used (Graph usageLocation). */
  usage_location: ColumnType<string | null, string | null | undefined, string | null>;
  // Closing by the holder, added by account deletion's migration 1100: erased once due.
  deletion_requested_at: ColumnType<number | null, number | null | undefined, number | null>;
  deletion_due_at: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface AccountTables {
  account: AccountTable;
}

export async function createAccountTable(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("account")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("email_normalized", "text", (c) => c.notNull())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("given_name", "text")
    .addColumn("family_name", "text")
    .addColumn("country", "text")
    .addColumn("birth_date", "text")
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("email_verified_at", TIME)
    .addColumn("marketing_consent_at", TIME)
    .addColumn("enabled", BOOL, (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", TIME, (c) => c.notNull())
    .addColumn("updated_at", TIME, (c) => c.notNull())
    .addColumn("password_changed_at", TIME, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("account_email_unique")
    .on("account")
    .column("email_normalized")
    .unique()
    .execute();
  await db.schema.createIndex("account_tenant").on("account").column("tenant_id").execute();
}
