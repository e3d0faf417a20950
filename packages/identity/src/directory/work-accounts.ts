import { isUniqueViolation } from "@sesame/kit/db/unique-violation";
import type { Kysely } from "kysely";
import { eraseAccount, newPseudonym } from "../account-deletion/erasure";
import type { Account } from "../accounts/account-queries";
import { newAccountRow } from "../accounts/new-account";
import { newObjectId } from "../accounts/object-id";
import { releaseSeats } from "../licences/licence-operations";
import { keepOneGlobalAdmin, lockTenantDirectory } from "../roles/role-operations";
import { endAccountSessions } from "../sessions/sessions";
import type { IdentityDB } from "../storage/schema";
import { DirectoryError } from "../tenants/directory-error";

type Db = Kysely<IdentityDB>;

export interface NewWorkAccount {
  readonly tenantId: string;
  /** The part before @ of the user principal name. */
  readonly userName: string;
  readonly domain: string;
  readonly displayName: string;
  readonly jobTitle?: string | null;
  readonly usageLocation?: string | null;
  /** argon2id hash of the password the admin set (hash before the transaction: it is slow). */
  readonly passwordHash: string;
  readonly mustChangePassword: boolean;
}

export function checkUserName(userName: string): string {
  const value = userName.trim().normalize("NFC");
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9._'-]{0,62}[A-Za-z0-9])?$/.test(value) || value.includes(".."))
    throw new DirectoryError("directory.error.userName", { name: value });
  return value;
}

export function checkDisplayName(displayName: string): string {
  const value = displayName.trim();
  if (value.length < 1 || value.length > 256) throw new DirectoryError("directory.error.displayName");
  return value;
}

/** A work account of a tenant, on one of its verified domains. Run inside a transaction. */
export async function createWorkAccount(trx: Db, input: NewWorkAccount): Promise<Account> {
  const userName = checkUserName(input.userName);
  const displayName = checkDisplayName(input.displayName);
  const domain = input.domain.trim().toLowerCase();
  const owned = await trx
    .selectFrom("tenant_domain")
    .select("verified_at")
    .where("tenant_id", "=", input.tenantId)
    .where("name", "=", domain)
    .executeTakeFirst();
  if (!owned?.verified_at) throw new DirectoryError("directory.error.domainNotVerified", { domain });
  const email = `${userName}@${domain}`;
  const now = Date.now();
  const account = newAccountRow(
    {
      id: newObjectId(),
      tenantId: input.tenantId,
      kind: "work",
      email,
      passwordHash: input.passwordHash,
      displayName,
      country: input.usageLocation ?? null,
      emailVerifiedAt: now,
      jobTitle: input.jobTitle?.trim() || null,
      mustChangePassword: input.mustChangePassword,
      usageLocation: input.usageLocation ?? null,
    },
    now,
  );
  try {
    await trx.insertInto("account").values(account).execute();
  } catch (error) {
    if (isUniqueViolation(error)) throw new DirectoryError("directory.error.upnTaken", { upn: email }, 409);
    throw error;
  }
  return account;
}

/** Blocks or allows sign-in; blocking ends every session and never removes the last Global Administrator. */
export async function setAccountEnabled(trx: Db, account: Account, enabled: boolean): Promise<void> {
  await lockTenantDirectory(trx, account.tenant_id);
  if (!enabled) await keepOneGlobalAdmin(trx, account.tenant_id, account);
  await trx
    .updateTable("account")
    .set({ enabled: enabled ? 1 : 0, updated_at: Date.now() })
    .where("id", "=", account.id)
    .execute();
  if (!enabled) await endAccountSessions(trx, account.id);
}

/**
 * Deletes a work account, releasing its licence seats; never the last Global Administrator. Its
 * administrator's deletion is the person's erasure (issue 16): sessions, tokens, factors, consents,
 * mail and the sign-in log's addresses go; the audit trail keeps the returned pseudonym.
 */
export async function deleteWorkAccount(
  trx: Db,
  account: Account,
  pseudonym = newPseudonym(),
  now = Date.now(),
): Promise<string> {
  await lockTenantDirectory(trx, account.tenant_id);
  await keepOneGlobalAdmin(trx, account.tenant_id, account);
  // Before the erasure deletes the assignments: the subscriptions' counts follow them.
  await releaseSeats(trx, account.id);
  await eraseAccount(trx, account, { pseudonym, now });
  return pseudonym;
}
