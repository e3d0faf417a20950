import { TIME } from "@sesame/kit/db/columns";
import type { Kysely } from "kysely";

/** Each change of a person's choice about marketing mail, kept as proof of consent (GDPR art. 7). */
export interface MarketingConsentEventTable {
  id: string;
  account_id: string;
  /** 1: accepted; 0: withdrawn. */
  granted: number;
  at: number;
}

export interface MarketingConsentTables {
  marketing_consent_event: MarketingConsentEventTable;
}

export async function createMarketingConsentTable(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("marketing_consent_event")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) => c.notNull().references("account.id").onDelete("cascade"))
    .addColumn("granted", "integer", (c) => c.notNull())
    .addColumn("at", TIME, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("marketing_consent_event_account")
    .on("marketing_consent_event")
    .column("account_id")
    .execute();
}
