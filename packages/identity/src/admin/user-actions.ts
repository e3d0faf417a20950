import { z } from "zod";
import type { Account } from "../accounts/account-queries";
import type { Actor } from "../audit/audit-log";
import type { IdentityContext } from "../context";
import type { AdminSetPassword } from "../directory/admin-password";
import { requireReregistration } from "../directory/reregistration-operations";
import { deleteUser, resetUserPassword, setUserEnabled } from "../directory/user-operations";
import { giveLicence, takeLicence } from "../licences/licence-changes";
import { requireSku } from "../licences/licence-operations";
import type { AdminArea } from "../roles/admin-rights";
import { roleCatalogue } from "../roles/role-catalogue";
import { grantRole, requireRole, withdrawRole } from "../roles/role-changes";

interface UserAction {
  readonly path: string;
  readonly area: AdminArea;
  readonly schema: z.ZodType<Record<string, string>>;
  /** Password reset, block and delete of an admin need a Global Administrator. */
  readonly protectsAdmins: boolean;
  /** The operation; a generated password comes back, to be shown once. */
  run(ctx: IdentityContext, actor: Actor, user: Account, form: Record<string, string>): Promise<unknown>;
}

const empty = z.object({}).transform(() => ({}) as Record<string, string>);
const role = z.object({ roleId: z.string().max(64) });
const sku = z.object({ skuId: z.string().max(64) });

/** What the user page's buttons do: each a path, the admin area it needs, and the operation. */
export const userActions = {
  roleOptions: roleCatalogue,
  list: [
    {
      path: "enabled",
      area: "users",
      schema: z.object({ enabled: z.enum(["0", "1"]) }),
      protectsAdmins: true,
      run: (ctx, actor, user, form) => setUserEnabled(ctx, actor, user, form.enabled === "1"),
    },
    {
      path: "password",
      area: "users",
      schema: empty,
      protectsAdmins: true,
      run: (ctx, actor, user): Promise<AdminSetPassword> => resetUserPassword(ctx, actor, user, undefined),
    },
    {
      path: "delete",
      area: "users",
      schema: empty,
      protectsAdmins: true,
      run: (ctx, actor, user) => deleteUser(ctx, actor, user),
    },
    {
      path: "roles",
      area: "roles",
      schema: role,
      protectsAdmins: false,
      run: (ctx, actor, user, form) => grantRole(ctx, actor, user, requireRole(form.roleId ?? "")),
    },
    {
      path: "roles/remove",
      area: "roles",
      schema: role,
      protectsAdmins: false,
      run: (ctx, actor, user, form) => withdrawRole(ctx, actor, user, requireRole(form.roleId ?? "")),
    },
    {
      path: "licences",
      area: "licences",
      schema: sku,
      protectsAdmins: false,
      run: async (ctx, actor, user, form) =>
        giveLicence(ctx, actor, user, await requireSku(ctx.db, form.skuId ?? "")),
    },
    {
      path: "licences/remove",
      area: "licences",
      schema: sku,
      protectsAdmins: false,
      run: async (ctx, actor, user, form) =>
        takeLicence(ctx, actor, user, await requireSku(ctx.db, form.skuId ?? "")),
    },
    {
      path: "authentication/reregister",
      area: "users",
      schema: empty,
      protectsAdmins: true,
      run: (ctx, actor, user) => requireReregistration(ctx, actor, user),
    },
  ] satisfies readonly UserAction[] as readonly UserAction[],
};
