import { audited } from "@sesame/kit/operations/audited";
import type { Kysely } from "kysely";
import type { Actor } from "../audit/audit-log";
import type { IdentityContext } from "../context";
import type { IdentityDB } from "../storage/schema";
import { DirectoryError } from "../tenants/directory-error";

type Db = Kysely<IdentityDB>;

/** One permission a client application holds in a tenant (Graph oauth2PermissionGrant / appRoleAssignment). */
export interface GrantedPermission {
  readonly kind: "delegated" | "application";
  readonly resource: string;
  /** Scope values (delegated) or the app role's value (application). */
  readonly value: string;
  /** "AllPrincipals" (admin consent), the consenting user's UPN, or "" for app roles. */
  readonly grantedFor: string;
}

export interface EnterpriseApplication {
  readonly appId: string;
  readonly displayName: string;
  readonly publisher: string;
  readonly permissions: readonly GrantedPermission[];
}

/**
 * Applications holding permissions in a tenant, read from the oauth feature's grant tables: admin
 * consent (AllPrincipals), each user's own consent (Principal), and application permissions.
 */
export async function enterpriseApplications(db: Db, tenantId: string): Promise<EnterpriseApplication[]> {
  const delegated = await db
    .selectFrom("oauth2_permission_grant as g")
    .leftJoin("application as c", "c.app_id", "g.client_app_id")
    .leftJoin("application as r", "r.app_id", "g.resource_app_id")
    .leftJoin("account as a", "a.id", "g.principal_id")
    .select([
      "g.client_app_id",
      "c.display_name as client_name",
      "c.publisher",
      "r.display_name as resource_name",
      "g.resource_app_id",
      "g.scope",
      "g.consent_type",
      "a.email as principal_email",
    ])
    .where("g.tenant_id", "=", tenantId)
    .execute();
  const roles = await db
    .selectFrom("app_role_assignment as g")
    .leftJoin("application as c", "c.app_id", "g.client_app_id")
    .leftJoin("application as r", "r.app_id", "g.resource_app_id")
    .leftJoin("application_permission as p", "p.id", "g.app_role_id")
    .select([
      "g.client_app_id",
      "c.display_name as client_name",
      "c.publisher",
      "r.display_name as resource_name",
      "g.resource_app_id",
      "p.value",
      "g.app_role_id",
    ])
    .where("g.tenant_id", "=", tenantId)
    .execute();
  const apps = new Map<
    string,
    { displayName: string; publisher: string; permissions: GrantedPermission[] }
  >();
  const entry = (appId: string, name: string | null, publisher: string | null) => {
    let app = apps.get(appId);
    if (!app) {
      app = { displayName: name ?? appId, publisher: publisher ?? "", permissions: [] };
      apps.set(appId, app);
    }
    return app;
  };
  for (const g of delegated)
    entry(g.client_app_id, g.client_name, g.publisher).permissions.push({
      kind: "delegated",
      resource: g.resource_name ?? g.resource_app_id,
      value: g.scope,
      grantedFor: g.consent_type === "AllPrincipals" ? "AllPrincipals" : (g.principal_email ?? ""),
    });
  for (const g of roles)
    entry(g.client_app_id, g.client_name, g.publisher).permissions.push({
      kind: "application",
      resource: g.resource_name ?? g.resource_app_id,
      value: g.value ?? g.app_role_id,
      grantedFor: "",
    });
  return [...apps]
    .map(([appId, app]) => ({ appId, ...app }))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/**
 * Revokes everything an application holds in a tenant (admin and user consent, app roles). The
 * token endpoint reads these tables, so the next token request for the tenant needs consent again.
 */
export async function revokeApplication(trx: Db, tenantId: string, clientAppId: string): Promise<number> {
  const a = await trx
    .deleteFrom("oauth2_permission_grant")
    .where("tenant_id", "=", tenantId)
    .where("client_app_id", "=", clientAppId)
    .executeTakeFirst();
  const b = await trx
    .deleteFrom("app_role_assignment")
    .where("tenant_id", "=", tenantId)
    .where("client_app_id", "=", clientAppId)
    .executeTakeFirst();
  return Number(a.numDeletedRows) + Number(b.numDeletedRows);
}

/** An administrator ends every grant of the application in the tenant, with its audit entry. */
export function revokeApplicationAccess(
  ctx: IdentityContext,
  actor: Actor,
  tenantId: string,
  appId: string,
): Promise<number> {
  return audited(ctx, actor, async (trx) => {
    const revoked = await revokeApplication(trx, tenantId, appId.toLowerCase());
    if (revoked === 0) throw new DirectoryError("directory.error.appUnknown", { app: appId }, 404);
    return {
      result: revoked,
      audit: { scope: tenantId, action: "application.revoke", target: appId, detail: { grants: revoked } },
    };
  });
}
