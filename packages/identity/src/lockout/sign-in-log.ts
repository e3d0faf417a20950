import type { FastifyRequest } from "fastify";
import { type Account, findAccountByEmail } from "../accounts/account-queries";
import { recordSignIn } from "../audit/audit-log";
import type { IdentityContext } from "../context";
import type { CredentialOutcome } from "./credential-check";

/** The AADSTS-style result code shown in the admin centre's sign-in log. */
const resultOf: Record<CredentialOutcome["kind"], string> = {
  ok: "success",
  wrong: "50126",
  locked: "50053",
  disabled: "50057",
  busy: "50053",
};

/**
 * Writes a password sign-in attempt to the sign-in log: a work account's organization reads it in the
 * admin centre, and every account holder reads their own on the account page ("Activité de
 * connexion"). Looked up separately so the answer the user gets never depends on whether the
 * account exists; a logging failure never blocks sign-in.
 */
export async function logPasswordSignIn(
  ctx: IdentityContext,
  request: FastifyRequest,
  email: string,
  outcome: CredentialOutcome,
): Promise<void> {
  try {
    const account = outcome.kind === "ok" ? outcome.account : await findAccountByEmail(ctx.db, email);
    if (account) await logSignIn(ctx, request, account, resultOf[outcome.kind]);
  } catch (error) {
    request.log.warn({ err: error }, "sign-in log not written");
  }
}

/** A successful sign-in that named no address first (a passkey from the first page). */
export async function logPasskeySignIn(
  ctx: IdentityContext,
  request: FastifyRequest,
  account: Account,
): Promise<void> {
  try {
    await logSignIn(ctx, request, account, resultOf.ok);
  } catch (error) {
    request.log.warn({ err: error }, "sign-in log not written");
  }
}

function logSignIn(ctx: IdentityContext, request: FastifyRequest, account: Account, result: string) {
  return recordSignIn(ctx.db, {
    tenantId: account.tenant_id,
    accountId: account.id,
    userPrincipalName: account.email,
    result,
    ip: request.ip,
    userAgent: request.headers["user-agent"] ?? "",
  });
}
