import type { Kysely } from "kysely";
import type { IdentityDB } from "../storage/schema";

type Db = Kysely<IdentityDB>;

/** Who in a tenant registered what: per work account, the app, the passkeys and their last use. */
export interface RegisteredMethods {
  readonly accountId: string;
  readonly email: string;
  readonly displayName: string;
  readonly totpSince: number | null;
  readonly passkeys: readonly { name: string; lastUsedAt: number | null }[];
  /** An administrator asked this user to register again and they have not yet. */
  readonly reregistrationRequired: boolean;
}

export async function registeredMethodsOfTenant(db: Db, tenantId: string): Promise<RegisteredMethods[]> {
  const accounts = await db
    .selectFrom("account as a")
    .leftJoin("totp_factor as t", "t.account_id", "a.id")
    .leftJoin("factor_registration as r", "r.account_id", "a.id")
    .select(["a.id", "a.email", "a.display_name", "t.enabled_at", "r.required_at"])
    .where("a.tenant_id", "=", tenantId)
    .where("a.kind", "=", "work")
    .orderBy("a.email")
    .execute();
  const keys = await db
    .selectFrom("passkey as p")
    .innerJoin("account as a", "a.id", "p.account_id")
    .select(["p.account_id", "p.name", "p.last_used_at"])
    .where("a.tenant_id", "=", tenantId)
    .orderBy("p.created_at")
    .execute();
  return accounts.map((a) => ({
    accountId: a.id,
    email: a.email,
    displayName: a.display_name,
    totpSince: a.enabled_at === null ? null : Number(a.enabled_at),
    passkeys: keys
      .filter((k) => k.account_id === a.id)
      .map((k) => ({ name: k.name, lastUsedAt: k.last_used_at === null ? null : Number(k.last_used_at) })),
    reregistrationRequired: a.required_at !== null && a.required_at !== undefined,
  }));
}
