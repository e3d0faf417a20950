import type { Kysely } from "kysely";
import type { Account } from "../accounts/account-queries";
import { emailDomain, normalizeEmail } from "../accounts/email";
import type { IdentityDB } from "../storage/schema";
import { DirectoryError } from "./directory-error";
import { type Tenant, tenantOfDomain } from "./tenant-queries";

type Db = Kysely<IdentityDB>;

/** A work account of this tenant named by object id or user principal name, or a clear error. */
export async function requireWorkAccount(db: Db, tenantId: string, idOrUpn: string): Promise<Account> {
  const value = idOrUpn.trim();
  const account = await db
    .selectFrom("account")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("kind", "=", "work")
    .where((eb) =>
      eb.or([eb("id", "=", value.toLowerCase()), eb("email_normalized", "=", normalizeEmail(value))]),
    )
    .executeTakeFirst();
  if (!account) throw new DirectoryError("directory.error.userUnknown", { user: value }, 404);
  return account;
}

export function listWorkAccounts(db: Db, tenantId: string): Promise<Account[]> {
  return db
    .selectFrom("account")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("kind", "=", "work")
    .orderBy("display_name")
    .orderBy("email_normalized")
    .execute();
}

/** The organization of a user principal name's domain (verified), or a clear error. */
export async function tenantOfUpn(db: Db, upn: string): Promise<Tenant> {
  const domain = emailDomain(upn);
  const tenant = await tenantOfDomain(db, domain);
  if (tenant?.kind !== "organization")
    throw new DirectoryError("directory.error.tenantUnknown", { tenant: domain }, 404);
  return tenant;
}

/** The work account named by its user principal name, found through its domain's organization. */
export async function workAccountOfUpn(db: Db, upn: string): Promise<Account> {
  return requireWorkAccount(db, (await tenantOfUpn(db, upn)).id, upn);
}
