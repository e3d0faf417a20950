import { formBody } from "@sesame/kit/http/form-body";
import { csrfField } from "@sesame/kit/ui/forms";
import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { IdentityContext } from "../context";
import { sendPage, tr } from "../ui/page";
import { secureAfterAlert } from "./security-alerts";

const token = z.string().min(1).max(128);

/**
 * "This wasn't me" from a security mail. Opening the link only shows a button (mail scanners open
 * links); pressing it ends every session and refresh token, then starts a password reset.
 */
export function registerNotMeRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/account/not-me",
    { schema: { querystring: z.object({ token: token.catch("") }) } },
    async (request, reply) => {
      const t = tr(request);
      const body = html`<h1>${t("security.notMe.title")}</h1>
<p>${t("security.notMe.lead")}</p>
<form method="post" action="/account/not-me">${csrfField(reply)}<input type="hidden" name="token" value="${request.query.token}">
<div class="actions"><button class="primary" type="submit">${t("security.notMe.submit")}</button></div></form>`;
      return sendPage(request, reply, { title: t("security.notMe.title"), body });
    },
  );

  api.post(
    "/account/not-me",
    { schema: { body: formBody({ token: token.catch("") }) } },
    async (request, reply) => {
      const email = request.body.token ? await secureAfterAlert(ctx, request.body.token) : undefined;
      if (email) return reply.redirect(`/password/reset?${new URLSearchParams({ login_hint: email })}`, 303);
      const t = tr(request);
      const body = html`<h1>${t("security.notMe.title")}</h1>
<p class="error" role="alert">${t("security.notMe.invalid")}</p>
<p><a href="/password/reset">${t("security.notMe.reset")}</a></p>`;
      return sendPage(request, reply, { title: t("security.notMe.title"), body, status: 400 });
    },
  );
}
