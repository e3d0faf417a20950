import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance } from "fastify";
import { emailDomain } from "../accounts/email";
import type { IdentityContext } from "../context";
import { activeSessions, SESSION_COOKIE } from "../sessions/sessions";
import { sendPage, tr } from "../ui/page";
import { messagesFor } from "./mailbox-store";

/**
 * The mailbox of an address on the platform's own domains (@outlook.fr …), for its signed-in owner:
 * newest first. Addresses hosted elsewhere have no mailbox here.
 */
export function registerMailboxRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  app.get("/mail", async (request, reply) => {
    const [current] = await activeSessions(ctx.db, request.cookies[SESSION_COOKIE]);
    if (!current) return reply.redirect(`/login?return=${encodeURIComponent("/mail")}`, 303);
    const t = tr(request);
    const { email } = current.account;
    if (!ctx.config.SESAME_CONSUMER_DOMAINS.includes(emailDomain(email))) {
      return sendPage(request, reply, {
        title: t("mailbox.title"),
        status: 404,
        body: html`<h1>${t("mailbox.title")}</h1><p>${t("mailbox.notHosted", { email })}</p>
<p><a href="/account">${t("account.title")}</a></p>`,
      });
    }
    const messages = await messagesFor(ctx.db, email, 100);
    const dates = new Intl.DateTimeFormat(request.locale, { dateStyle: "medium", timeStyle: "short" });
    const body = html`<h1>${t("mailbox.title")}</h1>
<p>${t("mailbox.lead", { email })}</p>
${
  messages.length === 0
    ? html`<p>${t("mailbox.empty")}</p>`
    : html`<ul class="mailbox">${messages.map(
        (m) => html`<li><details><summary><strong>${m.subject}</strong> · ${m.from_address} ·
<time datetime="${new Date(m.received_at).toISOString()}">${dates.format(new Date(m.received_at))}</time></summary>
<pre>${m.text_body}</pre></details></li>`,
      )}</ul>`
}
<p><a href="/account">${t("account.title")}</a></p>`;
    return sendPage(request, reply, { title: t("mailbox.title"), body, wide: true });
  });
}
