import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance } from "fastify";
import type { IdentityContext } from "../context";
import { activeSessions, SESSION_COOKIE } from "../sessions/sessions";
import { sendPage, tr } from "../ui/page";

/** The account portal's front door (account.microsoft.com in the help article), and the legal pages. */
export function registerHomeRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  app.get("/", async (request, reply) => {
    const t = tr(request);
    const [current] = await activeSessions(ctx.db, request.cookies[SESSION_COOKIE]);
    const body = current
      ? html`<h1>${t("home.title")}</h1><p>${t("home.signedInAs", { email: current.account.email })}</p>
<div class="actions"><a class="button primary" href="/account">${t("home.goAccount")}</a></div>`
      : html`<h1>${t("home.title")}</h1><p>${t("home.lead")}</p>
<div class="actions"><a class="button secondary" href="/login">${t("home.signin")}</a>
<a class="button primary" href="/signup">${t("home.create")}</a></div>`;
    return sendPage(request, reply, { title: t("home.title"), body });
  });
  app.get("/terms", async (request, reply) => {
    const t = tr(request);
    return sendPage(request, reply, {
      title: t("terms.title"),
      body: html`<h1>${t("terms.title")}</h1><p>${t("terms.body")}</p>`,
    });
  });
  app.get("/privacy", async (request, reply) => {
    const t = tr(request);
    return sendPage(request, reply, {
      title: t("privacy.title"),
      body: html`<h1>${t("privacy.title")}</h1><p>${t("privacy.body")}</p>`,
    });
  });
}
