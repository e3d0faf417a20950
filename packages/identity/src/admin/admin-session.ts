import type { FastifyReply, FastifyRequest } from "fastify";
import type { Account } from "../accounts/account-queries";
import type { Actor } from "../audit/audit-log";
import type { IdentityContext } from "../context";
import { mayOpenAdminCentre } from "../roles/admin-rights";
import { rolesOf } from "../roles/role-queries";
import { activeSessions, SESSION_COOKIE } from "../sessions/sessions";
import { findTenant, type Tenant } from "../tenants/tenant-queries";

/** The signed-in administrator a page acts for: their account, tenant and directory roles. */
export interface AdminSession {
  readonly account: Account;
  readonly tenant: Tenant;
  readonly roles: readonly string[];
  readonly actor: Actor;
}

export type SessionLookup =
  | { readonly kind: "admin"; readonly session: AdminSession }
  | { readonly kind: "signedOut" }
  | { readonly kind: "notAdmin"; readonly account: Account };

/**
 * The first account signed in on this browser that holds a directory role; without one, either
 * "signed out" (→ login) or "not an admin" (→ 403) for the most recent account.
 */
export async function lookUpAdmin(ctx: IdentityContext, request: FastifyRequest): Promise<SessionLookup> {
  const sessions = await activeSessions(ctx.db, request.cookies[SESSION_COOKIE]);
  const [latest] = sessions;
  if (!latest) return { kind: "signedOut" };
  for (const { account } of sessions) {
    if (account.kind !== "work") continue;
    const roles = await rolesOf(ctx.db, account.id);
    if (!mayOpenAdminCentre(roles)) continue;
    const tenant = await findTenant(ctx.db, account.tenant_id);
    if (!tenant) continue;
    return {
      kind: "admin",
      session: { account, tenant, roles, actor: { id: account.id, name: account.email, source: request.ip } },
    };
  }
  return { kind: "notAdmin", account: latest.account };
}

export function loginRedirect(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply.redirect(`/login?return=${encodeURIComponent(request.url)}`, 303);
}
