import { TIME } from "@sesame/kit/db/columns";
import type { Kysely } from "kysely";

export interface AuditEntryTable {
  id: string;
  firm_id: string;
  actor: string;
  action: string;
  target: string;
  at: number;
}

export interface AuditTables {
  audit_entry: AuditEntryTable;
}

export async function createAuditTable(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("audit_entry")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("firm_id", "text", (c) => c.notNull())
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("target", "text", (c) => c.notNull())
    .addColumn("at", TIME, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("audit_by_firm").on("audit_entry").columns(["firm_id", "at"]).execute();
}
