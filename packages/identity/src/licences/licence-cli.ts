import { arg, intFlag } from "../cli/cli-command";
import { userArg } from "../directory/user-cli";
import { directoryCommand } from "../tenants/directory-command";
import { requireOrganization } from "../tenants/tenant-operations";
import {
  addSeats,
  assignLicence,
  listSkus,
  requireSku,
  setSeats,
  unassignLicence,
} from "./licence-operations";
import { listSubscriptions } from "./licence-queries";

/** `licence add` and `licence set-seats`: the same arguments, audit and answer; only the change differs. */
function seatsCommand(verb: string, summary: string, action: string, change: typeof addSeats) {
  return directoryCommand("licence", verb, "<tenant> <sku> --seats N", summary, async (s) => {
    const tenant = await requireOrganization(s.ctx.db, arg(s.input, 0, "tenant"));
    const sku = await requireSku(s.ctx.db, arg(s.input, 1, "sku"));
    const seats = intFlag(s.input, "seats");
    await s.audited(tenant.id, action, sku.part_number, (trx) => change(trx, tenant.id, sku, seats), {
      seats,
    });
    const [subscription] = (await listSubscriptions(s.ctx.db, tenant.id)).filter((x) => x.skuId === sku.id);
    return {
      text: `${tenant.display_name}: ${subscription?.seats} ${sku.display_name} seats`,
      json: subscription,
    };
  });
}

export const licenceCommands = [
  directoryCommand("licence", "skus", "", "the product catalogue", async (s) => {
    const skus = await listSkus(s.ctx.db);
    const json = skus.map((k) => ({
      skuId: k.id,
      skuPartNumber: k.part_number,
      displayName: k.display_name,
    }));
    return {
      text: json.map((k) => `${k.skuPartNumber.padEnd(26)} ${k.skuId}  ${k.displayName}`).join("\n"),
      json,
    };
  }),
  directoryCommand("licence", "list", "<tenant>", "subscriptions with seats and assignments", async (s) => {
    const tenant = await requireOrganization(s.ctx.db, arg(s.input, 0, "tenant"));
    const json = await listSubscriptions(s.ctx.db, tenant.id);
    return {
      text:
        json
          .map((k) => `${k.skuPartNumber.padEnd(26)} ${k.assigned}/${k.seats} assigned  ${k.displayName}`)
          .join("\n") || "(no subscription)",
      json,
    };
  }),
  seatsCommand("add", "buy N more seats (creates the subscription)", "licence.addSeats", addSeats),
  seatsCommand("set-seats", "set the seat count (not below assigned)", "licence.setSeats", setSeats),
  directoryCommand("licence", "assign", "<upn> <sku>", "give a user a seat", async (s) => {
    const account = await userArg(s.ctx.db, s.input, 0);
    const sku = await requireSku(s.ctx.db, arg(s.input, 1, "sku"));
    await s.audited(
      account.tenant_id,
      "licence.assign",
      account.email,
      (trx) => assignLicence(trx, account, sku),
      {
        sku: sku.part_number,
      },
    );
    return {
      text: `${account.email} has a ${sku.display_name} licence`,
      json: { id: account.id, skuId: sku.id, assigned: true },
    };
  }),
  directoryCommand("licence", "unassign", "<upn> <sku>", "release a user's seat", async (s) => {
    const account = await userArg(s.ctx.db, s.input, 0);
    const sku = await requireSku(s.ctx.db, arg(s.input, 1, "sku"));
    await s.audited(
      account.tenant_id,
      "licence.unassign",
      account.email,
      (trx) => unassignLicence(trx, account, sku),
      {
        sku: sku.part_number,
      },
    );
    return {
      text: `${account.email} no longer has a ${sku.display_name} licence`,
      json: { id: account.id, skuId: sku.id, assigned: false },
    };
  }),
];
