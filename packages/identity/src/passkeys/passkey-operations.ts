import { audited } from "@sesame/kit/operations/audited";
import type { RegistrationResponseJSON } from "@simplewebauthn/server";
import { announce } from "../account-page/security-alerts";
import type { Account } from "../accounts/account-queries";
import type { Actor } from "../audit/audit-log";
import type { IdentityContext } from "../context";
import { lastFactorOfAdministrator } from "../factors/mfa-rules";
import {
  deletePasskey,
  findPasskey,
  insertPasskey,
  passkeysOf,
  renamePasskey,
  saveWebauthnChallenge,
  takeWebauthnChallenge,
} from "../factors/passkey-queries";
import { clearRegistrationRequired } from "../factors/registration-queries";
import type { IdentityDB } from "../storage/schema";
import { checkRegistration, type RelyingParty, registrationOptions, relyingParty } from "./passkey-webauthn";

/** Time to answer the browser's passkey prompt. */
export const CHALLENGE_MS = 5 * 60 * 1000;
export const NAME_MAX = 64;

export const relyingPartyOf = (ctx: IdentityContext): RelyingParty => relyingParty(ctx.origin, ctx.brand);

/** The options of `navigator.credentials.create`, with a single-use challenge for this account. */
export async function startPasskeyRegistration(ctx: IdentityContext, account: Account) {
  const options = await registrationOptions(
    relyingPartyOf(ctx),
    account,
    await passkeysOf(ctx.db, account.id),
  );
  await saveWebauthnChallenge(ctx.db, {
    challenge: options.challenge,
    accountId: account.id,
    purpose: "register",
    expiresAt: Date.now() + CHALLENGE_MS,
  });
  return options;
}

export type RegistrationOutcome =
  | { readonly kind: "added"; readonly credentialId: string }
  | { readonly kind: "invalid" }
  | { readonly kind: "taken" };

/**
 * Keeps the new passkey when the browser's answer is valid for a challenge made for this account;
 * announced by mail, audited. A registration satisfies an administrator's demand to register again.
 */
export async function finishPasskeyRegistration(
  ctx: IdentityContext,
  actor: Actor,
  account: Account,
  input: { challenge: string; response: RegistrationResponseJSON; name: string },
): Promise<RegistrationOutcome> {
  const pending = await takeWebauthnChallenge(ctx.db, input.challenge, "register", Date.now());
  if (pending?.accountId !== account.id) return { kind: "invalid" };
  const key = await checkRegistration(relyingPartyOf(ctx), input.challenge, input.response);
  if (!key) return { kind: "invalid" };
  const now = Date.now();
  const name = input.name.trim().slice(0, NAME_MAX) || "Passkey";
  return audited<IdentityDB, Actor, RegistrationOutcome>(ctx, actor, async (trx) => {
    const inserted = await insertPasskey(trx, {
      credential_id: key.credentialId,
      account_id: account.id,
      public_key: key.publicKey,
      counter: key.counter,
      transports: key.transports,
      name,
      created_at: now,
      last_used_at: null,
    });
    if (!inserted) return { result: { kind: "taken" }, audit: [] };
    await clearRegistrationRequired(trx, account.id);
    await announce(trx, ctx, account, { kind: "factor-added", at: now, method: "passkey", name });
    return {
      result: { kind: "added", credentialId: key.credentialId },
      audit: {
        scope: account.tenant_id,
        action: "factor.passkey.add",
        target: account.email,
        detail: { name },
      },
    };
  });
}

/** Gives one of the account's passkeys a name people recognise ("Phone", "Laptop"). */
export function renameAccountPasskey(
  ctx: IdentityContext,
  actor: Actor,
  account: Account,
  input: { credentialId: string; name: string },
): Promise<boolean> {
  const name = input.name.trim().slice(0, NAME_MAX);
  if (!name) return Promise.resolve(false);
  return audited<IdentityDB, Actor, boolean>(ctx, actor, async (trx) => {
    if (!(await renamePasskey(trx, account.id, input.credentialId, name)))
      return { result: false, audit: [] };
    return {
      result: true,
      audit: {
        scope: account.tenant_id,
        action: "factor.passkey.rename",
        target: account.email,
        detail: { name },
      },
    };
  });
}

export type RemovalOutcome = "removed" | "none" | "last-administrator-factor";

/** Removes a passkey, announced by mail; refused when it is an administrator's only factor under security defaults. */
export async function removeAccountPasskey(
  ctx: IdentityContext,
  actor: Actor,
  account: Account,
  credentialId: string,
): Promise<RemovalOutcome> {
  const key = await findPasskey(ctx.db, credentialId);
  if (key?.account_id !== account.id) return "none";
  if (await lastFactorOfAdministrator(ctx.db, account.id)) return "last-administrator-factor";
  const now = Date.now();
  return audited<IdentityDB, Actor, RemovalOutcome>(ctx, actor, async (trx) => {
    if (!(await deletePasskey(trx, account.id, credentialId))) return { result: "none", audit: [] };
    await announce(trx, ctx, account, { kind: "factor-removed", at: now, method: "passkey", name: key.name });
    return {
      result: "removed",
      audit: {
        scope: account.tenant_id,
        action: "factor.passkey.remove",
        target: account.email,
        detail: { name: key.name },
      },
    };
  });
}
