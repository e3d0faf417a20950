import type { FastifyReply, FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import type { z } from "zod";
import type { IdentityContext } from "../context";
import { type AdminArea, mayChange } from "../roles/admin-rights";
import type { IdentityDB } from "../storage/schema";
import { DirectoryError } from "../tenants/directory-error";
import { tr } from "../ui/page";
import type { Problem } from "./admin-page";
import type { AdminSession } from "./admin-session";
import { recordAudit } from "./audit-log";

export interface ActionSpec<S extends z.ZodType, R> {
  readonly area: AdminArea;
  readonly schema: S;
  /** Decides and writes, inside one transaction; returns what the audit entry and redirect need. */
  readonly change: (trx: Kysely<IdentityDB>, form: z.infer<S>) => Promise<R>;
  readonly audit: (
    form: z.infer<S>,
    result: R,
  ) => { action: string; target: string; detail?: Record<string, unknown> };
  /** Where to go after success (303). */
  readonly done: (form: z.infer<S>, result: R) => string;
  /** Instead of the redirect: a page to show once (a generated password). */
  readonly respond?: (form: z.infer<S>, result: R) => (Promise<FastifyReply> | FastifyReply) | undefined;
  /** Work to do before the transaction (a slow password hash); may refuse with a DirectoryError. */
  readonly prepare?: (form: z.infer<S>) => Promise<void>;
  /** Re-renders the page with the problem and its 4xx status. */
  readonly rerender: (problem: Problem) => Promise<FastifyReply> | FastifyReply;
}

/**
 * One admin POST: permission by role, input by zod, the change and its audit entry in one
 * transaction (all or nothing), then a redirect; any refusal re-renders the page with a clear
 * message and a 4xx status.
 */
export async function adminAction<S extends z.ZodType, R>(
  ctx: IdentityContext,
  request: FastifyRequest,
  reply: FastifyReply,
  admin: AdminSession,
  spec: ActionSpec<S, R>,
): Promise<FastifyReply> {
  const t = tr(request);
  if (!mayChange(admin.roles, spec.area))
    return spec.rerender({ message: t("directory.error.forbidden"), status: 403 });
  const parsed = spec.schema.safeParse(request.body ?? {});
  if (!parsed.success) return spec.rerender({ message: t("directory.error.invalid"), status: 400 });
  const form = parsed.data as z.infer<S>;
  try {
    await spec.prepare?.(form);
    const result = await ctx.db.transaction().execute(async (trx) => {
      const r = await spec.change(trx, form);
      const entry = spec.audit(form, r);
      await recordAudit(trx, admin.tenant.id, admin.actor, entry.action, entry.target, entry.detail);
      return r;
    });
    return spec.respond?.(form, result) ?? reply.redirect(spec.done(form, result), 303);
  } catch (error) {
    if (error instanceof DirectoryError)
      return spec.rerender({ message: t(error.code, error.params), status: error.statusCode });
    throw error;
  }
}
