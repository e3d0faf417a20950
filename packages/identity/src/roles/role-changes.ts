import { audited } from "@sesame/kit/operations/audited";
import type { Account } from "../accounts/account-queries";
import type { Actor } from "../audit/audit-log";
import type { IdentityContext } from "../context";
import { DirectoryError } from "../tenants/directory-error";
import { findRole, type RoleDefinition } from "./role-catalogue";
import { assignRole, removeRole } from "./role-operations";

/** A role named by display name, short name or template id, or a clear refusal. */
export function requireRole(name: string): RoleDefinition {
  const role = findRole(name);
  if (!role) throw new DirectoryError("directory.error.roleUnknown", { role: name });
  return role;
}

/** Gives a directory role, with its audit entry; false when the user already held it. */
export function grantRole(
  ctx: IdentityContext,
  actor: Actor,
  user: Account,
  role: RoleDefinition,
): Promise<boolean> {
  return audited(ctx, actor, async (trx) => ({
    result: await assignRole(trx, user, role),
    audit: {
      scope: user.tenant_id,
      action: "role.assign",
      target: user.email,
      detail: { role: role.displayName },
    },
  }));
}

/** Takes a directory role away; never the last enabled Global Administrator's. */
export function withdrawRole(
  ctx: IdentityContext,
  actor: Actor,
  user: Account,
  role: RoleDefinition,
): Promise<void> {
  return audited(ctx, actor, async (trx) => {
    await removeRole(trx, user, role);
    return {
      result: undefined,
      audit: {
        scope: user.tenant_id,
        action: "role.remove",
        target: user.email,
        detail: { role: role.displayName },
      },
    };
  });
}
