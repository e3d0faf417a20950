import { arg } from "../cli/cli-command";
import { userArg } from "../directory/user-cli";
import { directoryCommand } from "../tenants/directory-command";
import { DirectoryError } from "../tenants/directory-error";
import { requireOrganization } from "../tenants/tenant-operations";
import { findRole, type RoleDefinition, roleCatalogue } from "./role-catalogue";
import { assignRole, removeRole } from "./role-operations";
import { roleMembers } from "./role-queries";

function roleArg(name: string): RoleDefinition {
  const role = findRole(name);
  if (!role) throw new DirectoryError("directory.error.roleUnknown", { role: name });
  return role;
}

export const roleCommands = [
  directoryCommand("role", "list", "<tenant>", "list directory roles and their members", async (s) => {
    const tenant = await requireOrganization(s.ctx.db, arg(s.input, 0, "tenant"));
    const members = await roleMembers(s.ctx.db, tenant.id);
    const json = roleCatalogue.map((r) => ({
      roleTemplateId: r.id,
      displayName: r.displayName,
      members: members.filter((m) => m.roleTemplateId === r.id).map((m) => m.email),
    }));
    return { text: json.map((r) => `${r.displayName}: ${r.members.join(", ") || "-"}`).join("\n"), json };
  }),
  directoryCommand(
    "role",
    "assign",
    "<upn> <role>",
    "give a directory role (name or template id)",
    async (s) => {
      const account = await userArg(s.ctx.db, s.input, 0);
      const role = roleArg(arg(s.input, 1, "role"));
      const added = await s.audited(
        account.tenant_id,
        "role.assign",
        account.email,
        (trx) => assignRole(trx, account, role),
        {
          role: role.displayName,
        },
      );
      return {
        text: `${account.email} ${added ? "is now" : "already was"} ${role.displayName}`,
        json: { id: account.id, roleTemplateId: role.id, added },
      };
    },
  ),
  directoryCommand("role", "remove", "<upn> <role>", "take a directory role away", async (s) => {
    const account = await userArg(s.ctx.db, s.input, 0);
    const role = roleArg(arg(s.input, 1, "role"));
    await s.audited(
      account.tenant_id,
      "role.remove",
      account.email,
      (trx) => removeRole(trx, account, role),
      {
        role: role.displayName,
      },
    );
    return {
      text: `${account.email} is no longer ${role.displayName}`,
      json: { id: account.id, roleTemplateId: role.id, removed: true },
    };
  }),
];
