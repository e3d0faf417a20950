import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import type { IdentityContext } from "../context";
import type { AdminArea } from "../roles/admin-rights";
import { adminAction } from "./admin-action";
import { asAdmin } from "./admin-guard";
import { type AdminPageInput, doneNotice, type Problem, sendAdminPage } from "./admin-page";
import type { AdminSession } from "./admin-session";

/** What a page shows; the frame (navigation, refusal, confirmation) is the same for every page. */
export type AdminView = (
  request: FastifyRequest,
  reply: FastifyReply,
  admin: AdminSession,
) => Promise<Pick<AdminPageInput, "title" | "body">>;

export interface ScreenAction<S extends z.ZodType, R> {
  readonly area: AdminArea;
  readonly schema: S;
  /** Calls the operation, for the signed-in administrator. */
  readonly run: (admin: AdminSession, form: z.infer<S>, request: FastifyRequest) => Promise<R>;
  /** Where to go after success (303). */
  readonly done: (form: z.infer<S>, result: R) => string;
  /** Instead of the redirect: a line to show once on the page (a generated password). */
  readonly showOnce?: (request: FastifyRequest, form: z.infer<S>, result: R) => string | undefined;
}

export interface AdminScreen {
  /** Registers a POST on the page: the operation, then a redirect or the page with its refusal. */
  action<S extends z.ZodType, R>(path: string, spec: ScreenAction<S, R>): void;
}

/** One admin-centre page at `path` (GET), and the actions posted from it. */
export function adminScreen(
  app: FastifyInstance,
  ctx: IdentityContext,
  path: string,
  view: AdminView,
  /** The path's parameters (e.g. a user's id), checked before the page or its actions run. */
  params?: z.ZodType,
): AdminScreen {
  const options = params ? { schema: { params } } : {};
  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    admin: AdminSession,
    outcome: { problem?: Problem; notice?: string | undefined } = {},
  ) => {
    const page = await view(request, reply, admin);
    return sendAdminPage(request, reply, admin, {
      ...page,
      problem: outcome.problem,
      notice: outcome.notice ?? doneNotice(request),
    });
  };
  app.get(
    path,
    options,
    asAdmin(ctx, (request, reply, admin) => show(request, reply, admin)),
  );
  return {
    action(actionPath, spec) {
      app.post(
        actionPath,
        options,
        asAdmin(ctx, (request, reply, admin) =>
          adminAction(request, reply, admin, {
            area: spec.area,
            schema: spec.schema,
            run: (form) => spec.run(admin, form, request),
            done: spec.done,
            respond: (form, result) => {
              const notice = spec.showOnce?.(request, form, result);
              return notice ? show(request, reply, admin, { notice }) : undefined;
            },
            rerender: (problem) => show(request, reply, admin, { problem }),
          }),
        ),
      );
    },
  };
}
