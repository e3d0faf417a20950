import { hostCookie } from "@sesame/kit/http/cookies";
import { HttpError } from "@sesame/kit/http/http-error";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { PortalContext } from "../service/portal-context";
import { type PortalSession, readSession, SESSION_COOKIE } from "../sessions/session-store";
import type { StaffRole } from "../storage/firm-tables";
import { type Firm, findFirmByCode, findStaffById, type Staff } from "./firm-queries";

/** The firm named by the URL (/{firm}/…); an unknown or malformed code is a 404 page. */
export async function firmOf(ctx: PortalContext, request: FastifyRequest): Promise<Firm> {
  const code = (request.params as { firm?: string }).firm ?? "";
  const firm = await findFirmByCode(ctx.db, code);
  if (!firm) throw new HttpError(404, "firm.notFound");
  return firm;
}

export async function sessionOf(
  ctx: PortalContext,
  request: FastifyRequest,
): Promise<PortalSession | undefined> {
  return readSession(ctx.db, request.cookies[hostCookie(SESSION_COOKIE)]);
}

export interface StaffRequest {
  readonly firm: Firm;
  readonly staff: Staff;
}

type StaffHandler = (request: FastifyRequest, reply: FastifyReply, who: StaffRequest) => Promise<unknown>;

/**
 * Wraps a staff page: the firm must exist, the visitor must be signed in as staff of that firm
 * (else they are sent to the staff sign-in), and hold one of the roles given.
 */
export function staffOnly(ctx: PortalContext, handler: StaffHandler, roles?: readonly StaffRole[]) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const firm = await firmOf(ctx, request);
    const session = await sessionOf(ctx, request);
    const staff =
      session?.kind === "staff" && session.firm_id === firm.id
        ? await findStaffById(ctx.db, firm.id, session.subject_id)
        : undefined;
    if (!staff) {
      if (request.method !== "GET") throw new HttpError(403, "firm.signInFirst");
      return reply.redirect(`/${firm.code}/signin?return=${encodeURIComponent(request.url)}`);
    }
    if (roles && !roles.includes(staff.role)) throw new HttpError(403, "firm.forbidden");
    return handler(request, reply, { firm, staff });
  };
}
