import type { Kysely } from "kysely";
import type { IdentityFeature } from "../feature";
import { createLicenceTables, type LicenceTables } from "../storage/licence-tables";
import { licenceCommands } from "./licence-cli";
import { skuCatalogue } from "./sku-catalogue";

/** The subscription tables, and the product catalogue they sell. */
async function seedSkus(db: Kysely<unknown>): Promise<void> {
  await createLicenceTables(db);
  await (db as Kysely<LicenceTables>)
    .insertInto("sku")
    .values(
      skuCatalogue.map((s) => ({
        id: s.skuId,
        part_number: s.skuPartNumber,
        display_name: s.displayName,
        service_plans: JSON.stringify(s.servicePlans),
      })),
    )
    .execute();
}

/** Products, subscriptions and seats of organizations (migration 0303, in the organizations' range). */
export const licencesFeature: IdentityFeature = {
  name: "licences",
  migrations: { "0303_tenants_licences": { up: seedSkus } },
  register() {},
  cli: licenceCommands,
};
