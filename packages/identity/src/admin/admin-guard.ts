import { html } from "@sesame/kit/ui/html";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { IdentityContext } from "../context";
import { secondFactorStepUp } from "../factors/step-up";
import { sendPage, tr } from "../ui/page";
import { type AdminSession, loginRedirect, lookUpAdmin } from "./admin-session";

export type AdminHandler = (
  request: FastifyRequest,
  reply: FastifyReply,
  admin: AdminSession,
) => Promise<FastifyReply> | FastifyReply;

/**
 * Signed out → the login page (coming back here); signed in without a role → 403 page; signed in
 * without the second factor the administrator needs → the code (or its registration) first.
 */
export function asAdmin(ctx: IdentityContext, handler: AdminHandler) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const found = await lookUpAdmin(ctx, request);
    if (found.kind === "signedOut") {
      if (request.method !== "GET") return reply.redirect("/login?return=%2Fadmin", 303);
      return loginRedirect(request, reply);
    }
    if (found.kind === "notAdmin") {
      const t = tr(request);
      return sendPage(request, reply, {
        title: t("admin.forbidden.title"),
        status: 403,
        body: html`<h1>${t("admin.forbidden.title")}</h1>
<p role="alert">${t("admin.forbidden.body", { email: found.account.email })}</p>
<p><a href="/login?return=%2Fadmin">${t("admin.forbidden.other")}</a></p>`,
      });
    }
    // Security defaults: an administrator proves a second factor at every sign-in to the admin centre.
    const stepUp = await secondFactorStepUp(ctx, request, found.session.account.id);
    if (stepUp) return reply.redirect(stepUp, 303);
    return handler(request, reply, found.session);
  };
}
