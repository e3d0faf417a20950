import type { Kysely } from "kysely";
import type { FirmBrandingTable } from "../storage/branding-table";
import type { PortalDB } from "../storage/schema";

export async function findBranding(db: Kysely<PortalDB>, firmId: string) {
  return db.selectFrom("firm_branding").selectAll().where("firm_id", "=", firmId).executeTakeFirst();
}

/** The look of a firm by its URL code (what the pages' header needs), without the logo's bytes. */
export async function brandingByCode(db: Kysely<PortalDB>, code: string) {
  return db
    .selectFrom("firm")
    .leftJoin("firm_branding", "firm_branding.firm_id", "firm.id")
    .select([
      "firm.code",
      "firm.name",
      "firm_branding.colour",
      "firm_branding.logo_type",
      "firm_branding.updated_at",
    ])
    .where("firm.code", "=", code.toUpperCase())
    .executeTakeFirst();
}

export async function saveBrandingRow(db: Kysely<PortalDB>, row: FirmBrandingTable): Promise<void> {
  await db.deleteFrom("firm_branding").where("firm_id", "=", row.firm_id).execute();
  await db.insertInto("firm_branding").values(row).execute();
}
