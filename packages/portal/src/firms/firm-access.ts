import { hostCookie } from "@sesame/kit/http/cookies";
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { PortalError } from "../errors/portal-error";
import type { PortalContext } from "../service/portal-context";
import { type PortalSession, readSession, SESSION_COOKIE } from "../sessions/session-store";
import type { StaffRole } from "../storage/firm-tables";
import {
  type Firm,
  findFirmByCode,
  findStaffById,
  type Staff,
  unreadNotificationCount,
} from "./firm-queries";

/**
 * Path parameters of every firm page (/{firm}/…). The code's format is checked by the lookup, so a
 * malformed code is the same 404 page as an unknown one.
 */
export const firmParams = z.object({ firm: z.string() });
/** /{firm}/…/{id}: ids are checked by the lookup too (an unknown id is a 404 page). */
export const firmItemParams = firmParams.extend({ id: z.string() });

/** A request whose path names a firm, whatever else its schema parsed. */
export type FirmRequest = FastifyRequest & { readonly params: { readonly firm: string } };

/** The firm named by the URL; an unknown or malformed code is a 404 page. */
export async function firmOf(ctx: PortalContext, request: FirmRequest): Promise<Firm> {
  const firm = await findFirmByCode(ctx.db, request.params.firm);
  if (!firm) throw new PortalError(404, "firm.notFound");
  return firm;
}

export async function sessionOf(
  ctx: PortalContext,
  request: FastifyRequest,
): Promise<PortalSession | undefined> {
  return readSession(ctx.db, request.cookies[hostCookie(SESSION_COOKIE)]);
}

/** A staff member acting in their firm: who every staff operation is done by. */
export interface StaffRequest {
  readonly firm: Firm;
  readonly staff: Staff;
}

/**
 * Runs a staff page's handler: the firm must exist, the visitor must be signed in as staff of that
 * firm (else they are sent to the staff sign-in), and hold one of the roles given.
 */
export async function staffOnly(
  ctx: PortalContext,
  request: FirmRequest,
  reply: FastifyReply,
  handler: (who: StaffRequest) => Promise<unknown>,
  roles?: readonly StaffRole[],
): Promise<unknown> {
  const firm = await firmOf(ctx, request);
  const session = await sessionOf(ctx, request);
  const staff =
    session?.kind === "staff" && session.firm_id === firm.id
      ? await findStaffById(ctx.db, firm.id, session.subject_id)
      : undefined;
  if (!staff) {
    if (request.method !== "GET") throw new PortalError(403, "firm.signInFirst");
    return reply.redirect(`/${firm.code}/signin?return=${encodeURIComponent(request.url)}`);
  }
  if (roles && !roles.includes(staff.role)) throw new PortalError(403, "firm.forbidden");
  return handler({ firm, staff: { ...staff, unread: await unreadNotificationCount(ctx.db, staff.id) } });
}
