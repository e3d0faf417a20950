import { audited } from "@sesame/kit/operations/audited";
import type { Kysely } from "kysely";
import type { Account } from "../accounts/account-queries";
import type { Actor } from "../audit/audit-log";
import type { IdentityContext } from "../context";
import type { IdentityDB } from "../storage/schema";
import { factorKeys, openTotpSecret, sealTotpSecret } from "./factor-keys";
import { deleteTotp, enableTotp, findTotp, replaceRecoveryCodes, savePendingTotp } from "./factor-queries";
import { lastFactorOfAdministrator } from "./mfa-rules";
import { hashRecoveryCode, newRecoveryCodes } from "./recovery-code-rules";
import { clearRegistrationRequired } from "./registration-queries";
import { checkTotpCode, newTotpSecret } from "./totp-rules";

/**
 * What the caller adds to the change, in its transaction: the security mail, which lives with the
 * account page (a folder above this one), so it exists if and only if the change was made.
 */
type SideEffect = (trx: Kysely<IdentityDB>) => Promise<void>;

/** The person acting on their own account (the account page). */
export const selfActor = (account: Account, source: string): Actor => ({
  id: account.id,
  name: account.email,
  source,
});

/** A new secret for an authenticator app, kept until a first code proves the app holds it. */
export async function startTotpEnrolment(
  ctx: IdentityContext,
  actor: Actor,
  account: Account,
): Promise<Buffer> {
  const secret = newTotpSecret();
  const sealed = sealTotpSecret(factorKeys(ctx.config), account.id, secret);
  await audited(ctx, actor, async (trx) => {
    await savePendingTotp(trx, account.id, sealed, Date.now());
    return {
      result: undefined,
      audit: { scope: account.tenant_id, action: "factor.totp.start", target: account.email },
    };
  });
  return secret;
}

/** The secret waiting for its first code, when there is one. */
export async function pendingTotpSecret(ctx: IdentityContext, account: Account): Promise<Buffer | undefined> {
  const row = await findTotp(ctx.db, account.id);
  if (!row || row.enabled_at !== null) return undefined;
  return openTotpSecret(factorKeys(ctx.config), account.id, row.secret_sealed);
}

export type EnrolmentOutcome =
  | { readonly kind: "enabled"; readonly recoveryCodes: readonly string[] }
  | { readonly kind: "wrong" }
  | { readonly kind: "none" };

/** The first code enables the app and returns the ten recovery codes, shown this once. */
export async function confirmTotpEnrolment(
  ctx: IdentityContext,
  actor: Actor,
  account: Account,
  code: string,
  alsoInTransaction: SideEffect = async () => {},
): Promise<EnrolmentOutcome> {
  const keys = factorKeys(ctx.config);
  const row = await findTotp(ctx.db, account.id);
  if (!row || row.enabled_at !== null) return { kind: "none" };
  const check = checkTotpCode(openTotpSecret(keys, account.id, row.secret_sealed), code, row.last_step);
  if (check.kind !== "ok") return { kind: "wrong" };
  const codes = newRecoveryCodes();
  const now = Date.now();
  return audited<IdentityDB, Actor, EnrolmentOutcome>(ctx, actor, async (trx) => {
    if (!(await enableTotp(trx, account.id, check.step, now))) {
      return { result: { kind: "none" }, audit: [] };
    }
    await clearRegistrationRequired(trx, account.id);
    await alsoInTransaction(trx);
    await replaceRecoveryCodes(
      trx,
      account.id,
      codes.map((c) => hashRecoveryCode(keys.recoveryKey, c)),
      now,
    );
    return {
      result: { kind: "enabled", recoveryCodes: codes },
      audit: { scope: account.tenant_id, action: "factor.totp.enable", target: account.email },
    };
  });
}

/**
 * Removes the authenticator app and its recovery codes; false (nothing removed) when it is the
 * only factor of an administrator whose tenant's security defaults require one.
 */
export async function removeTotp(
  ctx: IdentityContext,
  actor: Actor,
  account: Account,
  alsoInTransaction: SideEffect = async () => {},
): Promise<boolean> {
  if (await lastFactorOfAdministrator(ctx.db, account.id)) return false;
  await audited(ctx, actor, async (trx) => {
    await deleteTotp(trx, account.id);
    await alsoInTransaction(trx);
    return {
      result: undefined,
      audit: { scope: account.tenant_id, action: "factor.totp.remove", target: account.email },
    };
  });
  return true;
}
