import { formBody } from "@sesame/kit/http/form-body";
import { csrfField } from "@sesame/kit/ui/forms";
import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { accountHolder } from "../account-page/account-holder";
import { longDate } from "../account-page/security-mails";
import type { IdentityContext } from "../context";
import { checkCredentials } from "../lockout/credential-check";
import { lockoutText } from "../lockout/lockout-text";
import { type ActiveSession, SESSION_COOKIE, sessionCookieOptions } from "../sessions/sessions";
import { sendPage, tr } from "../ui/page";
import { requestAccountDeletion } from "./deletion-operations";
import { type ClosingForm, closingPage } from "./deletion-pages";
import { DELETION_GRACE_MS } from "./deletion-rules";

const sid = z.string().max(64).optional().catch(undefined);

/** "Close your account" from the account page: personal accounts only, with the password again. */
export function registerDeletionRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const toLogin = (reply: FastifyReply) =>
    reply.redirect(`/login?return=${encodeURIComponent("/account/close")}`, 303);

  function page(
    request: FastifyRequest,
    reply: FastifyReply,
    holder: ActiveSession,
    errors: ClosingForm["errors"] = {},
    status = 200,
  ) {
    const t = tr(request);
    const body = closingPage(t, request.locale, csrfField(reply), {
      sid: holder.id,
      email: holder.account.email,
      dueAt: Date.now() + DELETION_GRACE_MS,
      errors,
    });
    return sendPage(request, reply, { title: t("deletion.title"), body, status });
  }

  /** A work account, or one already closing: back to the account page, which says why. */
  const notHere = (reply: FastifyReply, holder: ActiveSession) =>
    reply.redirect(`/account?${new URLSearchParams({ sid: holder.id })}`, 303);

  api.get("/account/close", { schema: { querystring: z.object({ sid }) } }, async (request, reply) => {
    const holder = await accountHolder(ctx, request, request.query.sid);
    if (!holder) return toLogin(reply);
    if (holder.account.kind !== "personal") return notHere(reply, holder);
    return page(request, reply, holder);
  });

  api.post(
    "/account/close",
    {
      schema: {
        body: formBody({
          sid: z.string().min(1).max(64),
          password: z.string().max(1024).catch(""),
          confirm: z.string().max(8).optional(),
        }),
      },
    },
    async (request, reply) => {
      const holder = await accountHolder(ctx, request, request.body.sid);
      if (!holder) return toLogin(reply);
      if (holder.account.kind !== "personal") return notHere(reply, holder);
      const t = tr(request);
      const confirm = request.body.confirm === "yes" ? undefined : t("deletion.error.confirm");
      const checked = await checkCredentials(ctx, {
        email: holder.account.email,
        password: request.body.password,
        source: request.ip,
      });
      switch (checked.kind) {
        case "locked":
          return page(request, reply, holder, { password: lockoutText(t, checked.ms), confirm }, 429);
        case "busy":
          return page(request, reply, holder, { password: t("error.tooMany"), confirm }, 429);
        case "wrong":
        case "disabled":
          return page(request, reply, holder, { password: t("deletion.error.password"), confirm }, 400);
        case "ok":
          break;
      }
      if (confirm) return page(request, reply, holder, { confirm }, 400);
      const outcome = await requestAccountDeletion(ctx, holder.account, {
        source: request.ip,
        now: Date.now(),
      });
      if (outcome.kind === "refused") return notHere(reply, holder);
      // Every session ended with the request: the browser's cookie goes too.
      reply.clearCookie(SESSION_COOKIE, sessionCookieOptions());
      const body = html`<h1>${t("deletion.done.title")}</h1>
<p role="status">${t("deletion.done.lead", { email: holder.account.email, date: longDate(request.locale, outcome.dueAt) })}</p>`;
      return sendPage(request, reply, { title: t("deletion.done.title"), body });
    },
  );
}
