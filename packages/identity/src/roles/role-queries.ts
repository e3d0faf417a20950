import type { Kysely } from "kysely";
import type { IdentityDB } from "../storage/schema";
import { ROLES } from "./role-catalogue";

type Db = Kysely<IdentityDB>;

/** Role template ids held by an account (empty for plain users and personal accounts). */
export async function rolesOf(db: Db, accountId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("directory_role_assignment")
    .select("role_template_id")
    .where("account_id", "=", accountId)
    .orderBy("role_template_id")
    .execute();
  return rows.map((r) => r.role_template_id);
}

/**
 * The `wids` claim of an access or ID token: the account's role template ids plus, as Microsoft
 * adds to every member's token, the "User" template b79fbf4d-3ef9-4689-8143-76b194e85509.
 */
export async function wids(db: Db, accountId: string): Promise<string[]> {
  return [...(await rolesOf(db, accountId)), MEMBER_USER_TEMPLATE_ID];
}

export const MEMBER_USER_TEMPLATE_ID = "b79fbf4d-3ef9-4689-8143-76b194e85509";

export interface RoleMember {
  readonly accountId: string;
  readonly roleTemplateId: string;
  readonly displayName: string;
  readonly email: string;
}

export function roleMembers(db: Db, tenantId: string): Promise<RoleMember[]> {
  return db
    .selectFrom("directory_role_assignment as r")
    .innerJoin("account as a", "a.id", "r.account_id")
    .select([
      "r.account_id as accountId",
      "r.role_template_id as roleTemplateId",
      "a.display_name as displayName",
      "a.email as email",
    ])
    .where("r.tenant_id", "=", tenantId)
    .orderBy("a.display_name")
    .execute();
}

/** Enabled Global Administrators of a tenant: must stay at least one. */
export async function countEnabledGlobalAdmins(db: Db, tenantId: string): Promise<number> {
  const row = await db
    .selectFrom("directory_role_assignment as r")
    .innerJoin("account as a", "a.id", "r.account_id")
    .select((eb) => eb.fn.countAll<string | number>().as("n"))
    .where("r.tenant_id", "=", tenantId)
    .where("r.role_template_id", "=", ROLES.globalAdministrator)
    .where("a.enabled", "=", 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
