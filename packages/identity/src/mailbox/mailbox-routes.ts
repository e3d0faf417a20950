import { formBody } from "@sesame/kit/http/form-body";
import { csrfField } from "@sesame/kit/ui/forms";
import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { emailDomain } from "../accounts/email";
import type { IdentityContext } from "../context";
import { activeSessions, SESSION_COOKIE } from "../sessions/sessions";
import { sendPage, tr } from "../ui/page";
import { deleteMessage, messagesFor } from "./mailbox-store";

const DONE = { deleted: "mailbox.deleted", gone: "mailbox.gone" } as const;

/**
 * The mailbox of an address on the platform's own domains (@outlook.fr …), for its signed-in owner:
 * newest first, each message readable and deletable. Addresses hosted elsewhere have no mailbox here.
 */
export function registerMailboxRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  /** The signed-in owner's hosted address, or the answer that replaces the page. */
  async function mailboxOwner(request: FastifyRequest, reply: FastifyReply) {
    const [current] = await activeSessions(ctx.db, request.cookies[SESSION_COOKIE]);
    if (!current) return { reply: reply.redirect(`/login?return=${encodeURIComponent("/mail")}`, 303) };
    const { email } = current.account;
    if (ctx.config.SESAME_CONSUMER_DOMAINS.includes(emailDomain(email))) return { email };
    const t = tr(request);
    return {
      reply: sendPage(request, reply, {
        title: t("mailbox.title"),
        status: 404,
        body: html`<h1>${t("mailbox.title")}</h1><p>${t("mailbox.notHosted", { email })}</p>
<p><a href="/account">${t("account.title")}</a></p>`,
      }),
    };
  }

  api.post(
    "/mail/delete",
    { schema: { body: formBody({ message: z.string().min(1).max(64) }) } },
    async (request, reply) => {
      const owner = await mailboxOwner(request, reply);
      if (!owner.email) return owner.reply;
      const deleted = await deleteMessage(ctx.db, owner.email, request.body.message);
      return reply.redirect(`/mail?done=${deleted ? "deleted" : "gone"}`, 303);
    },
  );

  api.get(
    "/mail",
    {
      schema: {
        querystring: z.object({
          done: z.enum(["deleted", "gone"]).optional().catch(undefined),
        }),
      },
    },
    async (request, reply) => {
      const owner = await mailboxOwner(request, reply);
      if (!owner.email) return owner.reply;
      const { email } = owner;
      const t = tr(request);
      const done = request.query.done;
      const messages = await messagesFor(ctx.db, email, 100);
      const dates = new Intl.DateTimeFormat(request.locale, { dateStyle: "medium", timeStyle: "short" });
      const body = html`<h1>${t("mailbox.title")}</h1>
${done ? html`<p class="notice" role="status">${t(DONE[done])}</p>` : html``}
<p>${t("mailbox.lead", { email })}</p>
${
  messages.length === 0
    ? html`<p>${t("mailbox.empty")}</p>`
    : html`<ul class="mailbox">${messages.map(
        (m) => html`<li><details><summary><strong>${m.subject}</strong> · ${m.from_address} ·
<time datetime="${new Date(m.received_at).toISOString()}">${dates.format(new Date(m.received_at))}</time></summary>
<pre>${m.text_body}</pre>
<form method="post" action="/mail/delete">${csrfField(reply)}<input type="hidden" name="message" value="${m.id}">
<button class="danger" type="submit" aria-label="${t("mailbox.deleteLabel", { subject: m.subject })}">${t("mailbox.delete")}</button></form></details></li>`,
      )}</ul>`
}
<p><a href="/account">${t("account.title")}</a></p>`;
      return sendPage(request, reply, { title: t("mailbox.title"), body, wide: true });
    },
  );
}
