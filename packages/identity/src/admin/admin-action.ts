import type { FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import { type AdminArea, mayChange } from "../roles/admin-rights";
import { tr } from "../ui/page";
import { type Problem, refusalProblem } from "./admin-page";
import type { AdminSession } from "./admin-session";

export interface ActionSpec<S extends z.ZodType, R> {
  readonly area: AdminArea;
  readonly schema: S;
  /** The operation the form asks for: it writes, with its audit entry, in one transaction. */
  readonly run: (form: z.infer<S>) => Promise<R>;
  /** Where to go after success (303). */
  readonly done: (form: z.infer<S>, result: R) => string;
  /** Instead of the redirect: a page to show once (a generated password). */
  readonly respond?: (form: z.infer<S>, result: R) => (Promise<FastifyReply> | FastifyReply) | undefined;
  /** Re-renders the page with the problem and its 4xx status. */
  readonly rerender: (problem: Problem) => Promise<FastifyReply> | FastifyReply;
}

/**
 * One admin POST: permission by role, input by zod, then the operation, then a redirect; any
 * refusal re-renders the page with a clear message and a 4xx status.
 */
export async function adminAction<S extends z.ZodType, R>(
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
    const result = await spec.run(form);
    return spec.respond?.(form, result) ?? reply.redirect(spec.done(form, result), 303);
  } catch (error) {
    return spec.rerender(refusalProblem(request, error));
  }
}
