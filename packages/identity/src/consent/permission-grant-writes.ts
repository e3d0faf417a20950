import { randomUUID } from "node:crypto";
import { isUniqueViolation } from "@sesame/kit/db/unique-violation";
import type { Kysely } from "kysely";
import type { IdentityDB } from "../storage/schema";

type Db = Kysely<IdentityDB>;

/** Which grant row: one per (client, consent type, principal, API, tenant), by a unique index. */
export interface GrantKey {
  readonly clientAppId: string;
  readonly resourceAppId: string;
  readonly tenantId: string;
  /** null: the organization's (AllPrincipals) grant. */
  readonly principalId: string | null;
}

/** Another writer changed the same grant between our read and our write: try the whole write again. */
class GrantChanged extends Error {
  constructor() {
    super("the grant changed during the consent; retry");
  }
}

/**
 * Widens a grant by `scopes` (never narrows it). The update only applies to the scope it read, and
 * the insert is guarded by the unique index: a concurrent consent to the same grant makes this one
 * throw, and `retryingConcurrentConsent` runs the transaction again on the row the other committed.
 */
export async function widenPermissionGrant(trx: Db, key: GrantKey, scopes: readonly string[]): Promise<void> {
  const consentType = key.principalId === null ? "AllPrincipals" : "Principal";
  const existing = await trx
    .selectFrom("oauth2_permission_grant")
    .select(["id", "scope"])
    .where("client_app_id", "=", key.clientAppId)
    .where("resource_app_id", "=", key.resourceAppId)
    .where("tenant_id", "=", key.tenantId)
    .where("consent_type", "=", consentType)
    .where((eb) =>
      key.principalId === null ? eb("principal_id", "is", null) : eb("principal_id", "=", key.principalId),
    )
    .executeTakeFirst();
  const now = Date.now();
  if (existing) {
    const scope = [...new Set([...existing.scope.split(" ").filter(Boolean), ...scopes])].join(" ");
    if (scope === existing.scope) return;
    const updated = await trx
      .updateTable("oauth2_permission_grant")
      .set({ scope, updated_at: now })
      .where("id", "=", existing.id)
      .where("scope", "=", existing.scope)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new GrantChanged();
    return;
  }
  await trx
    .insertInto("oauth2_permission_grant")
    .values({
      id: randomUUID(),
      client_app_id: key.clientAppId,
      consent_type: consentType,
      principal_id: key.principalId,
      tenant_id: key.tenantId,
      resource_app_id: key.resourceAppId,
      scope: [...new Set(scopes)].join(" "),
      created_at: now,
      updated_at: now,
    })
    .execute();
}

/** Each round lets at least one writer through: enough for many admins and users consenting at once. */
const ATTEMPTS = 25;

/** Runs a consent transaction, again when a concurrent consent to the same grant won the race. */
export async function retryingConcurrentConsent<T>(db: Db, write: (trx: Db) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(write);
    } catch (error) {
      const conflict = error instanceof GrantChanged || isUniqueViolation(error);
      if (!conflict || attempt >= ATTEMPTS) throw error;
      // A little jitter so the writers that lost together do not collide again in lockstep.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
    }
  }
}
