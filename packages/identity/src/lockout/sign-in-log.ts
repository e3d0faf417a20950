import type { FastifyRequest } from "fastify";
import { findAccountByEmail } from "../accounts/account-queries";
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
 * Writes a password sign-in attempt to the sign-in log of the account's organization (work accounts
 * only: personal accounts have no admin to read it). Looked up separately so the answer the user
 * gets never depends on whether the account exists; a logging failure never blocks sign-in.
 */
export async function logPasswordSignIn(
  ctx: IdentityContext,
  request: FastifyRequest,
  email: string,
  outcome: CredentialOutcome,
): Promise<void> {
  try {
    const account = outcome.kind === "ok" ? outcome.account : await findAccountByEmail(ctx.db, email);
    if (account?.kind !== "work") return;
    await recordSignIn(ctx.db, {
      tenantId: account.tenant_id,
      accountId: account.id,
      userPrincipalName: account.email,
      result: resultOf[outcome.kind],
      ip: request.ip,
      userAgent: request.headers["user-agent"] ?? "",
    });
  } catch (error) {
    request.log.warn({ err: error }, "sign-in log not written");
  }
}
