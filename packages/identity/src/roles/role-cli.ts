import { arg, command } from "../cli/cli-command";
import { requireOrganization } from "../tenants/tenant-operations";
import { workAccountOfUpn } from "../tenants/work-account-queries";
import { roleCatalogue } from "./role-catalogue";
import { grantRole, requireRole, withdrawRole } from "./role-changes";
import { roleMembers } from "./role-queries";

export const roleCommands = [
  command("role", "list", "<tenant>", "list directory roles and their members", async (s) => {
    const tenant = await requireOrganization(s.ctx.db, arg(s.input, 0, "tenant"));
    const members = await roleMembers(s.ctx.db, tenant.id);
    const json = roleCatalogue.map((r) => ({
      roleTemplateId: r.id,
      displayName: r.displayName,
      members: members.filter((m) => m.roleTemplateId === r.id).map((m) => m.email),
    }));
    return { text: json.map((r) => `${r.displayName}: ${r.members.join(", ") || "-"}`).join("\n"), json };
  }),
  command("role", "assign", "<upn> <role>", "give a directory role (name or template id)", async (s) => {
    const account = await workAccountOfUpn(s.ctx.db, arg(s.input, 0, "user"));
    const role = requireRole(arg(s.input, 1, "role"));
    const added = await grantRole(s.ctx, s.actor, account, role);
    return {
      text: `${account.email} ${added ? "is now" : "already was"} ${role.displayName}`,
      json: { id: account.id, roleTemplateId: role.id, added },
    };
  }),
  command("role", "remove", "<upn> <role>", "take a directory role away", async (s) => {
    const account = await workAccountOfUpn(s.ctx.db, arg(s.input, 0, "user"));
    const role = requireRole(arg(s.input, 1, "role"));
    await withdrawRole(s.ctx, s.actor, account, role);
    return {
      text: `${account.email} is no longer ${role.displayName}`,
      json: { id: account.id, roleTemplateId: role.id, removed: true },
    };
  }),
];
