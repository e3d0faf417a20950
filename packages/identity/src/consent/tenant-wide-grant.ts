import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { type Actor, recordAudit } from "../audit/audit-log";
import type { IdentityDB } from "../storage/schema";
import { retryingConcurrentConsent, widenPermissionGrant } from "./permission-grant-writes";

type Db = Kysely<IdentityDB>;

/** What an admin grants a client for every user of the tenant. */
export interface TenantWideGrant {
  readonly tenantId: string;
  readonly client: { readonly appId: string; readonly displayName: string };
  /** Delegated scopes per API (oauth2PermissionGrant, consentType AllPrincipals). */
  readonly delegated: readonly { readonly resourceAppId: string; readonly scopes: readonly string[] }[];
  /** Application permissions (appRoleAssignment). */
  readonly appRoles: readonly {
    readonly resourceAppId: string;
    readonly appRoleId: string;
    readonly value: string;
  }[];
}

/**
 * Records tenant-wide admin consent in one transaction: the client's service principal in the
 * tenant, AllPrincipals grants (widened, never narrowed), app role assignments, and the audit entry.
 * Two admins consenting at once: the loser's transaction runs again on what the winner committed.
 * `alongside` writes what must commit with the grant (an approved consent request and its mail).
 */
export async function grantTenantWide(
  db: Db,
  grant: TenantWideGrant,
  actor: Actor,
  alongside?: (trx: Db) => Promise<void>,
): Promise<void> {
  await retryingConcurrentConsent(db, async (trx) => {
    if (alongside) await alongside(trx);
    const now = Date.now();
    const sp = await trx
      .selectFrom("service_principal")
      .select("id")
      .where("app_id", "=", grant.client.appId)
      .where("tenant_id", "=", grant.tenantId)
      .executeTakeFirst();
    if (!sp)
      await trx
        .insertInto("service_principal")
        .values({
          id: randomUUID(),
          app_id: grant.client.appId,
          tenant_id: grant.tenantId,
          display_name: grant.client.displayName,
          created_at: now,
        })
        .execute();
    for (const d of grant.delegated) {
      if (d.scopes.length === 0) continue;
      const key = {
        clientAppId: grant.client.appId,
        resourceAppId: d.resourceAppId,
        tenantId: grant.tenantId,
      };
      await widenPermissionGrant(trx, { ...key, principalId: null }, d.scopes);
    }
    for (const r of grant.appRoles) {
      const held = await trx
        .selectFrom("app_role_assignment")
        .select("id")
        .where("client_app_id", "=", grant.client.appId)
        .where("tenant_id", "=", grant.tenantId)
        .where("resource_app_id", "=", r.resourceAppId)
        .where("app_role_id", "=", r.appRoleId)
        .executeTakeFirst();
      if (held) continue;
      await trx
        .insertInto("app_role_assignment")
        .values({
          id: randomUUID(),
          client_app_id: grant.client.appId,
          tenant_id: grant.tenantId,
          resource_app_id: r.resourceAppId,
          app_role_id: r.appRoleId,
          created_at: now,
        })
        .execute();
    }
    await recordAudit(trx, grant.tenantId, actor, "application.adminConsent", grant.client.displayName, {
      appId: grant.client.appId,
      delegated: grant.delegated.map((d) => ({ resource: d.resourceAppId, scope: d.scopes.join(" ") })),
      appRoles: grant.appRoles.map((r) => r.value),
    });
  });
}
