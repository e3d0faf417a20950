import { type Kysely, sql } from "kysely";
import type { Account } from "../accounts/account-queries";
import type { IdentityDB } from "../storage/schema";
import { DirectoryError } from "../tenants/directory-error";
import { ROLES, type RoleDefinition } from "./role-catalogue";
import { countEnabledGlobalAdmins, rolesOf } from "./role-queries";

type Db = Kysely<IdentityDB>;

/**
 * Serialises directory changes of one tenant until the transaction ends: the UPDATE takes the
 * tenant row's lock on PostgreSQL and the write lock on SQLite, so "is this the last Global
 * Administrator?" is answered with no concurrent change in between.
 */
export async function lockTenantDirectory(trx: Db, tenantId: string): Promise<void> {
  await trx
    .updateTable("tenant")
    .set({ directory_version: sql<number>`directory_version + 1` })
    .where("id", "=", tenantId)
    .execute();
}

/** Refuses the change when it would leave the tenant without an enabled Global Administrator. */
export async function keepOneGlobalAdmin(trx: Db, tenantId: string, losing: Account): Promise<void> {
  const roles = await rolesOf(trx, losing.id);
  if (!roles.includes(ROLES.globalAdministrator) || losing.enabled !== 1) return;
  if ((await countEnabledGlobalAdmins(trx, tenantId)) <= 1)
    throw new DirectoryError("directory.error.lastGlobalAdmin", {}, 409);
}

export async function assignRole(trx: Db, account: Account, role: RoleDefinition): Promise<boolean> {
  if (account.kind !== "work")
    throw new DirectoryError("directory.error.notWorkAccount", { user: account.email });
  // Under the tenant lock, checking first is race-free (and keeps a PostgreSQL transaction usable).
  await lockTenantDirectory(trx, account.tenant_id);
  // Already held: assigning twice is not an error, and changes nothing.
  if ((await rolesOf(trx, account.id)).includes(role.id)) return false;
  await trx
    .insertInto("directory_role_assignment")
    .values({
      tenant_id: account.tenant_id,
      account_id: account.id,
      role_template_id: role.id,
      assigned_at: Date.now(),
    })
    .execute();
  return true;
}

export async function removeRole(trx: Db, account: Account, role: RoleDefinition): Promise<void> {
  await lockTenantDirectory(trx, account.tenant_id);
  if (role.id === ROLES.globalAdministrator) await keepOneGlobalAdmin(trx, account.tenant_id, account);
  const result = await trx
    .deleteFrom("directory_role_assignment")
    .where("account_id", "=", account.id)
    .where("role_template_id", "=", role.id)
    .executeTakeFirst();
  if (Number(result.numDeletedRows) === 0)
    throw new DirectoryError(
      "directory.error.roleNotHeld",
      { user: account.email, role: role.displayName },
      404,
    );
}
