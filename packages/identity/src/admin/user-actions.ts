import type { Kysely } from "kysely";
import { z } from "zod";
import type { Account } from "../accounts/account-queries";
import { deleteWorkAccount, setAccountEnabled, setPasswordByAdmin } from "../directory/work-accounts";
import { assignLicence, requireSku, unassignLicence } from "../licences/licence-operations";
import type { AdminArea } from "../roles/admin-rights";
import { findRole, type RoleDefinition, roleCatalogue } from "../roles/role-catalogue";
import { assignRole, removeRole } from "../roles/role-operations";
import type { IdentityDB } from "../storage/schema";
import { DirectoryError } from "../tenants/directory-error";

type Db = Kysely<IdentityDB>;

interface UserAction {
  readonly path: string;
  readonly area: AdminArea;
  readonly audit: string;
  readonly schema: z.ZodType<Record<string, string>>;
  /** Password reset, block and delete of an admin need a Global Administrator. */
  readonly protectsAdmins: boolean;
  change(trx: Db, user: Account, form: Record<string, string>, passwordHash: string): Promise<unknown>;
}

const empty = z.object({}).transform(() => ({}) as Record<string, string>);
const role = z.object({ roleId: z.string().max(64) });
const sku = z.object({ skuId: z.string().max(64) });

function roleOf(id: string | undefined): RoleDefinition {
  const found = findRole(id ?? "");
  if (!found) throw new DirectoryError("directory.error.roleUnknown", { role: id ?? "" });
  return found;
}

/** What the user page's buttons do: each a path, the admin area it needs, and the change. */
export const userActions = {
  roleOptions: roleCatalogue,
  list: [
    {
      path: "enabled",
      area: "users",
      audit: "user.setEnabled",
      schema: z.object({ enabled: z.enum(["0", "1"]) }),
      protectsAdmins: true,
      change: (trx, user, form) => setAccountEnabled(trx, user, form.enabled === "1"),
    },
    {
      path: "password",
      area: "users",
      audit: "user.resetPassword",
      schema: empty,
      protectsAdmins: true,
      change: (trx, user, _form, hash) => setPasswordByAdmin(trx, user, hash, true),
    },
    {
      path: "delete",
      area: "users",
      audit: "user.delete",
      schema: empty,
      protectsAdmins: true,
      change: (trx, user) => deleteWorkAccount(trx, user),
    },
    {
      path: "roles",
      area: "roles",
      audit: "role.assign",
      schema: role,
      protectsAdmins: false,
      change: (trx, user, form) => assignRole(trx, user, roleOf(form.roleId)),
    },
    {
      path: "roles/remove",
      area: "roles",
      audit: "role.remove",
      schema: role,
      protectsAdmins: false,
      change: (trx, user, form) => removeRole(trx, user, roleOf(form.roleId)),
    },
    {
      path: "licences",
      area: "licences",
      audit: "licence.assign",
      schema: sku,
      protectsAdmins: false,
      change: async (trx, user, form) => assignLicence(trx, user, await requireSku(trx, form.skuId ?? "")),
    },
    {
      path: "licences/remove",
      area: "licences",
      audit: "licence.unassign",
      schema: sku,
      protectsAdmins: false,
      change: async (trx, user, form) => unassignLicence(trx, user, await requireSku(trx, form.skuId ?? "")),
    },
  ] satisfies readonly UserAction[] as readonly UserAction[],
};
