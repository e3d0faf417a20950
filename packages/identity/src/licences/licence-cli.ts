import { z } from "zod";
import { arg, command, intFlag, valueFlag } from "../cli/cli-command";
import { requireOrganization } from "../tenants/tenant-operations";
import { workAccountOfUpn } from "../tenants/work-account-queries";
import { changeSeats, giveLicence, takeLicence } from "./licence-changes";
import { listSkus, requireSku } from "./licence-operations";
import { listSubscriptions } from "./licence-queries";

/** `licence add` and `licence set-seats`: the same arguments, audit and answer; only the change differs. */
function seatsCommand(verb: string, summary: string, mode: "add" | "set") {
  return command(
    "licence",
    verb,
    "<tenant> <sku> --seats N",
    summary,
    z.object({ seats: valueFlag() }),
    async (s) => {
      const tenant = await requireOrganization(s.ctx.db, arg(s.input, 0, "tenant"));
      const sku = await requireSku(s.ctx.db, arg(s.input, 1, "sku"));
      const seats = intFlag(s.input, "seats");
      await changeSeats(s.ctx, s.actor, tenant.id, sku, mode, seats);
      const [subscription] = (await listSubscriptions(s.ctx.db, tenant.id)).filter((x) => x.skuId === sku.id);
      return {
        text: `${tenant.display_name}: ${subscription?.seats} ${sku.display_name} seats`,
        json: subscription,
      };
    },
  );
}

export const licenceCommands = [
  command("licence", "skus", "", "the product catalogue", async (s) => {
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
  command("licence", "list", "<tenant>", "subscriptions with seats and assignments", async (s) => {
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
  seatsCommand("add", "buy N more seats (creates the subscription)", "add"),
  seatsCommand("set-seats", "set the seat count (not below assigned)", "set"),
  command("licence", "assign", "<upn> <sku>", "give a user a seat", async (s) => {
    const account = await workAccountOfUpn(s.ctx.db, arg(s.input, 0, "user"));
    const sku = await requireSku(s.ctx.db, arg(s.input, 1, "sku"));
    await giveLicence(s.ctx, s.actor, account, sku);
    return {
      text: `${account.email} has a ${sku.display_name} licence`,
      json: { id: account.id, skuId: sku.id, assigned: true },
    };
  }),
  command("licence", "unassign", "<upn> <sku>", "release a user's seat", async (s) => {
    const account = await workAccountOfUpn(s.ctx.db, arg(s.input, 0, "user"));
    const sku = await requireSku(s.ctx.db, arg(s.input, 1, "sku"));
    await takeLicence(s.ctx, s.actor, account, sku);
    return {
      text: `${account.email} no longer has a ${sku.display_name} licence`,
      json: { id: account.id, skuId: sku.id, assigned: false },
    };
  }),
];
