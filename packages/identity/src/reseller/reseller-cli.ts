import { z } from "zod";
import { arg, CliError, command, flag, intFlag, valueFlag } from "../cli/cli-command";
import { requireOrganization } from "../tenants/tenant-operations";
import { createCustomerTenant, enableReseller, listCustomers } from "./reseller-operations";

export const resellerCommands = [
  command("reseller", "enable", "<tenant>", "make an organization a reseller (partner)", async (s) => {
    const tenant = await requireOrganization(s.ctx.db, arg(s.input, 0, "tenant"));
    await enableReseller(s.ctx, s.actor, tenant);
    return {
      text: `${tenant.display_name} is a reseller; its Global Administrators manage customers at /reseller`,
      json: { tenantId: tenant.id, reseller: true },
    };
  }),
  command("reseller", "customers", "<tenant>", "list a reseller's customer organizations", async (s) => {
    const tenant = await requireOrganization(s.ctx.db, arg(s.input, 0, "tenant"));
    const customers = await listCustomers(s.ctx.db, tenant.id);
    return {
      text: customers.map((c) => `${c.id} ${c.displayName}`).join("\n") || "(none)",
      json: customers,
    };
  }),
  command(
    "reseller",
    "create-customer",
    '<reseller> "<name>" --country FR --admin-name "First Last" --contact-email a@b [--prefix p] [--admin-user admin] [--sku SKU --seats N]',
    "create a customer tenant with its first Global Administrator (credentials mailed)",
    z.object({
      country: valueFlag(),
      prefix: valueFlag(),
      "admin-name": valueFlag(),
      "admin-user": valueFlag(),
      "contact-email": valueFlag(),
      sku: valueFlag(),
      seats: valueFlag(),
    }),
    async (s) => {
      const partner = await requireOrganization(s.ctx.db, arg(s.input, 0, "reseller"));
      const isReseller = await s.ctx.db
        .selectFrom("reseller")
        .select("tenant_id")
        .where("tenant_id", "=", partner.id)
        .executeTakeFirst();
      if (!isReseller)
        throw new CliError(`${partner.display_name} is not a reseller: run reseller enable first`);
      const sku = flag(s.input, "sku");
      const prefix = flag(s.input, "prefix");
      const created = await createCustomerTenant(s.ctx, partner.id, s.actor, {
        displayName: arg(s.input, 1, "name"),
        country: (flag(s.input, "country") ?? "").toUpperCase(),
        ...(prefix ? { prefix } : {}),
        adminUserName: flag(s.input, "admin-user") ?? "admin",
        adminDisplayName: flag(s.input, "admin-name") ?? "Administrator",
        contactEmail: flag(s.input, "contact-email") ?? "",
        ...(sku ? { sku, seats: intFlag(s.input, "seats") } : {}),
        language: "fr",
      });
      return {
        text: `${created.tenant.id} ${created.tenant.display_name}: ${created.admin.email} created, credentials mailed`,
        json: {
          tenantId: created.tenant.id,
          initialDomain: created.initialDomain,
          admin: created.admin.email,
        },
      };
    },
  ),
];
