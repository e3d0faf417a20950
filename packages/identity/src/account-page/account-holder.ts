import type { FastifyRequest } from "fastify";
import type { IdentityContext } from "../context";
import { type ActiveSession, activeSessions, SESSION_COOKIE } from "../sessions/sessions";

/**
 * Whose account page this is: the session named by `sid` when this browser really holds it, else the
 * latest one signed in on this browser. Nothing else is trusted: a `sid` of another browser opens nothing.
 */
export async function accountHolder(
  ctx: Pick<IdentityContext, "db">,
  request: FastifyRequest,
  sid: string | undefined,
): Promise<ActiveSession | undefined> {
  const sessions = await activeSessions(ctx.db, request.cookies[SESSION_COOKIE]);
  return sessions.find((s) => s.id === sid) ?? (sid ? undefined : sessions[0]);
}
