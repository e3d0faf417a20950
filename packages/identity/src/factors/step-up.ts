import type { FastifyRequest } from "fastify";
import type { IdentityContext } from "../context";
import { activeSessions, SESSION_COOKIE } from "../sessions/sessions";
import { secondFactorMissing } from "./mfa-rules";

/**
 * Where to send a browser whose session of this account lacks the second factor the account
 * needs (the sign-in's factor step, which registers one first when there is none), or undefined.
 */
export async function secondFactorStepUp(
  ctx: IdentityContext,
  request: FastifyRequest,
  accountId: string,
): Promise<string | undefined> {
  const sessions = await activeSessions(ctx.db, request.cookies[SESSION_COOKIE]);
  const session = sessions.find((s) => s.account.id === accountId);
  if (!session || !(await secondFactorMissing(ctx.db, accountId, session.amr))) return undefined;
  const back = request.method === "GET" ? request.url : "/admin";
  return `/login/factor?${new URLSearchParams({ sid: session.id, return: back }).toString()}`;
}
