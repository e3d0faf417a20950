import { audited } from "@sesame/kit/operations/audited";
import { newPseudonym } from "../account-deletion/erasure";
import type { Account } from "../accounts/account-queries";
import type { Actor } from "../audit/audit-log";
import type { IdentityContext } from "../context";
import { replacePassword, setPasswordByAdmin } from "../credentials/password-change";
import type { Tenant } from "../tenants/tenant-queries";
import { type AdminSetPassword, adminSetPassword } from "./admin-password";
import { createWorkAccount, deleteWorkAccount, setAccountEnabled } from "./work-accounts";

/**
 * The directory's writes on work accounts, whichever front-end asks (admin centre, Graph, CLI):
 * each checks, writes and records its audit entry in one transaction, with its side effects
 * (sessions and refresh tokens end with a blocked account or a new password).
 */

export interface NewUser {
  readonly tenant: Pick<Tenant, "id" | "country">;
  readonly userName: string;
  readonly domain: string;
  readonly displayName: string;
  readonly jobTitle?: string | null;
  readonly usageLocation?: string | null;
  /** Typed by the admin; generated when empty. */
  readonly password?: string | undefined;
  readonly mustChangePassword: boolean;
  readonly enabled?: boolean;
  /** Audit detail that says which front-end acted, e.g. `{ via: "graph" }`. */
  readonly detail?: Record<string, unknown>;
}

/** A new work account; its password is returned once when generated. */
export async function createUser(
  ctx: IdentityContext,
  actor: Actor,
  input: NewUser,
): Promise<{ account: Account; password: AdminSetPassword }> {
  const password = await adminSetPassword(ctx.config, input.password);
  const enabled = input.enabled ?? true;
  return audited(ctx, actor, async (trx) => {
    const created = await createWorkAccount(trx, {
      tenantId: input.tenant.id,
      userName: input.userName,
      domain: input.domain,
      displayName: input.displayName,
      jobTitle: input.jobTitle ?? null,
      usageLocation: input.usageLocation ?? input.tenant.country,
      passwordHash: password.hash,
      mustChangePassword: input.mustChangePassword,
    });
    if (!enabled) await trx.updateTable("account").set({ enabled: 0 }).where("id", "=", created.id).execute();
    const account = { ...created, enabled: enabled ? 1 : 0 };
    return {
      result: { account, password },
      audit: { scope: input.tenant.id, action: "user.create", target: account.email, detail: input.detail },
    };
  });
}

/** Blocks or allows sign-in; `action` keeps each front-end's audit name. */
export function setUserEnabled(
  ctx: IdentityContext,
  actor: Actor,
  account: Account,
  enabled: boolean,
  action = "user.setEnabled",
): Promise<void> {
  return audited(ctx, actor, async (trx) => {
    await setAccountEnabled(trx, account, enabled);
    return {
      result: undefined,
      audit: {
        scope: account.tenant_id,
        action,
        target: account.email,
        detail: { enabled: enabled ? "1" : "0" },
      },
    };
  });
}

/** An administrator's new password for the account (typed, or generated when empty). */
export async function resetUserPassword(
  ctx: IdentityContext,
  actor: Actor,
  account: Account,
  typed: string | undefined,
  mustChangePassword = true,
): Promise<AdminSetPassword> {
  const password = await adminSetPassword(ctx.config, typed);
  await setPasswordByAdmin(ctx, actor, account, { passwordHash: password.hash, mustChangePassword });
  return password;
}

/**
 * Deletes and erases the account, releasing its licence seats; never the last Global Administrator.
 * The entry names the pseudonym: written after the erasure, the address would be personal data left.
 */
export function deleteUser(ctx: IdentityContext, actor: Actor, account: Account): Promise<void> {
  const pseudonym = newPseudonym();
  // An administrator deleting their own account is erased as well: the entry's actor too.
  const by = actor.id === account.id ? { id: pseudonym, name: pseudonym, source: "" } : actor;
  return audited(ctx, by, async (trx) => {
    await deleteWorkAccount(trx, account, pseudonym);
    return {
      result: undefined,
      audit: { scope: account.tenant_id, action: "user.delete", target: pseudonym },
    };
  });
}

export interface UserPatch {
  readonly accountEnabled?: boolean;
  readonly displayName?: string;
  readonly jobTitle?: string | null;
  readonly usageLocation?: string | null;
  readonly passwordProfile?: { password: string; forceChangePasswordNextSignIn: boolean };
}

/** Graph's PATCH: the named properties, all in one transaction and one audit entry. */
export async function updateUser(
  ctx: IdentityContext,
  actor: Actor,
  user: Account,
  patch: UserPatch,
): Promise<void> {
  const password = patch.passwordProfile
    ? await adminSetPassword(ctx.config, patch.passwordProfile.password)
    : undefined;
  await audited(ctx, actor, async (trx) => {
    const fields = {
      ...(patch.displayName !== undefined ? { display_name: patch.displayName.trim() } : {}),
      ...(patch.jobTitle !== undefined ? { job_title: patch.jobTitle } : {}),
      ...(patch.usageLocation !== undefined
        ? { usage_location: patch.usageLocation?.toUpperCase() ?? null }
        : {}),
    };
    if (Object.keys(fields).length)
      await trx
        .updateTable("account")
        .set({ ...fields, updated_at: Date.now() })
        .where("id", "=", user.id)
        .execute();
    if (patch.accountEnabled !== undefined) await setAccountEnabled(trx, user, patch.accountEnabled);
    if (password && patch.passwordProfile)
      await replacePassword(trx, user.id, {
        passwordHash: password.hash,
        mustChangePassword: patch.passwordProfile.forceChangePasswordNextSignIn,
      });
    return {
      result: undefined,
      audit: {
        scope: user.tenant_id,
        action: "user.update",
        target: user.email,
        detail: { via: "graph", fields: Object.keys(patch) },
      },
    };
  });
}
