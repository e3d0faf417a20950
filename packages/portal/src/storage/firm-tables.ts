import { TIME } from "@sesame/kit/db/columns";
import type { Kysely } from "kysely";

export interface FirmTable {
  id: string;
  /** Short code used in every URL: /YPN/… (upper case, 2–10 letters or digits). */
  code: string;
  name: string;
  /** Address shown as the sender name and contact in invitations. */
  contact_email: string | null;
  created_at: number;
}

export type StaffRole = "admin" | "accountant" | "assistant";

export interface StaffTable {
  id: string;
  firm_id: string;
  email: string;
  email_normalized: string;
  display_name: string;
  role: StaffRole;
  /** The tenant (domain or GUID) the person is expected to sign in from, before the first sign-in. */
  expected_tenant: string;
  /** Set on the first sign-in; from then on the person is (tid, oid), never the email. */
  tid: string | null;
  oid: string | null;
  created_at: number;
  first_signin_at: number | null;
}

export interface FirmTables {
  firm: FirmTable;
  staff: StaffTable;
}

export async function createFirmTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("firm")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("code", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("contact_email", "text")
    .addColumn("created_at", TIME, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("staff")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("firm_id", "text", (c) => c.notNull().references("firm.id"))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("email_normalized", "text", (c) => c.notNull())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("expected_tenant", "text", (c) => c.notNull())
    .addColumn("tid", "text")
    .addColumn("oid", "text")
    .addColumn("created_at", TIME, (c) => c.notNull())
    .addColumn("first_signin_at", TIME)
    .execute();
  await db.schema
    .createIndex("staff_firm_email")
    .unique()
    .on("staff")
    .columns(["firm_id", "email_normalized"])
    .execute();
  await db.schema
    .createIndex("staff_firm_subject")
    .unique()
    .on("staff")
    .columns(["firm_id", "tid", "oid"])
    .execute();
}
