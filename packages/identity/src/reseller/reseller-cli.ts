import { arg, directoryCommand } from "../tenants/directory-command";
import { requireOrganization } from "../tenants/tenant-operations";
import { listCustomers, makeReseller } from "./reseller-operations";

export const resellerCommands = [
  directoryCommand(
    "reseller",
    "enable",
    "<tenant>",
    "make an organization a reseller (partner)",
    async (s) => {
      const tenant = await requireOrganization(s.ctx.db, arg(s.input, 0, "tenant"));
      await s.audited(tenant.id, "reseller.enable", tenant.display_name, (trx) =>
        makeReseller(trx, tenant.id),
      );
      return {
        text: `${tenant.display_name} is a reseller; its Global Administrators manage customers at /reseller`,
        json: { tenantId: tenant.id, reseller: true },
      };
    },
  ),
  directoryCommand(
    "reseller",
    "customers",
    "<tenant>",
    "list a reseller's customer organizations",
    async (s) => {
      const tenant = await requireOrganization(s.ctx.db, arg(s.input, 0, "tenant"));
      const customers = await listCustomers(s.ctx.db, tenant.id);
      return {
        text: customers.map((c) => `${c.id} ${c.displayName}`).join("\n") || "(none)",
        json: customers,
      };
    },
  ),
];
