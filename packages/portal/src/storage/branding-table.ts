import { TIME } from "@sesame/kit/db/columns";
import type { Kysely } from "kysely";

/** A firm's own look (issue 13): its logo, its colour, the sender name of its mails. No row: none. */
export interface FirmBrandingTable {
  firm_id: string;
  /** The logo's bytes in base64 (a few hundred KB at most), so every instance serves it. */
  logo_base64: string | null;
  /** The type found in the logo's content (image/png, image/jpeg, image/webp), never the sender's. */
  logo_type: string | null;
  /** "#rrggbb", dark enough for white text on it. */
  colour: string | null;
  /** The display name of the mails' From. */
  sender_name: string | null;
  updated_at: number;
}

export interface BrandingTables {
  firm_branding: FirmBrandingTable;
}

export async function createBrandingTable(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("firm_branding")
    .addColumn("firm_id", "text", (c) => c.primaryKey().references("firm.id"))
    .addColumn("logo_base64", "text")
    .addColumn("logo_type", "text")
    .addColumn("colour", "text")
    .addColumn("sender_name", "text")
    .addColumn("updated_at", TIME, (c) => c.notNull())
    .execute();
}
