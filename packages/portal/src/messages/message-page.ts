import { csrfToken } from "@sesame/kit/ui/forms";
import { html } from "@sesame/kit/ui/html";
import type { FastifyReply, FastifyRequest } from "fastify";
import { spaceNav } from "../contacts/contact-access";
import { firmNav, formatDate } from "../firms/firm-nav";
import type { PortalContext } from "../service/portal-context";
import { sendPage, tr } from "../ui/page";
import type { ThreadVisit } from "./message-access";
import { attachmentsOf, markRead, threadOf } from "./message-queries";

export interface FormProblem {
  readonly errors: readonly string[];
  readonly body: string;
  readonly status: number;
}

/** The dossier's thread, oldest first, with the form to write; opening it marks it read. */
export async function threadPage(
  ctx: PortalContext,
  request: FastifyRequest,
  reply: FastifyReply,
  visit: ThreadVisit,
  shown: { problem?: FormProblem; sent?: boolean } = {},
) {
  const { problem } = shown;
  const t = tr(request);
  const messages = await threadOf(ctx.db, visit.firm.id, visit.dossier.id);
  const files = await attachmentsOf(
    ctx.db,
    messages.map((m) => m.id),
  );
  const last = messages.at(-1)?.created_at;
  if (last !== undefined) await markRead(ctx.db, visit.dossier.id, visit.person, last);
  const docs = `/${visit.firm.code}/dossiers/${visit.dossier.id}/documents`;
  const here = `/${visit.firm.code}/dossiers/${visit.dossier.id}/messages`;
  const token = csrfToken(reply);
  const title = t("message.title", { dossier: visit.dossier.name });
  const body = html`<h1>${title}</h1>
<p>${t("message.about", { dossier: visit.dossier.name })}</p>
<p><a href="${docs}">${t("document.link")}</a> · <a href="/${visit.firm.code}/dossiers/${visit.dossier.id}/approvals">${t("approval.link")}</a></p>
${shown.sent ? html`<p role="status" class="notice flash">${t("message.sent")}</p>` : ""}
${problem ? html`<ul class="error" role="alert">${problem.errors.map((e) => html`<li>${e}</li>`)}</ul>` : ""}
${
  messages.length === 0
    ? html`<p>${t("message.empty")}</p>`
    : html`<ol class="thread">${messages.map((m) => {
        const attached = files.filter((f) => f.message_id === m.id);
        const who =
          m.author_kind === "staff" ? t("message.from.staff", { name: m.author_name }) : m.author_name;
        return html`<li class="message ${m.author_kind}"><article aria-label="${who}, ${formatDate(m.created_at, request.locale)}">
<p class="meta"><strong>${who}</strong> · <time datetime="${new Date(m.created_at).toISOString()}">${formatDate(m.created_at, request.locale)}</time></p>
${m.body ? html`<p class="text">${m.body}</p>` : ""}
${
  attached.length > 0
    ? html`<ul class="attachments" aria-label="${t("message.attachment")}">${attached.map(
        (a) =>
          html`<li><a href="${docs}/${a.document_id}/download?v=${a.version_number}">${a.name}</a> (v${a.version_number})</li>`,
      )}</ul>`
    : ""
}
</article></li>`;
      })}</ol>`
}
<form method="post" enctype="multipart/form-data" class="message-form" action="${here}?_csrf=${token}">
<label for="message-body">${t("message.body")}</label>
<textarea id="message-body" name="body" rows="4" maxlength="10000">${problem?.body ?? ""}</textarea>
${
  visit.rights.upload
    ? html`<label for="message-files">${t("message.attachments")}</label>
<input type="file" id="message-files" name="files" multiple>`
    : ""
}
<button class="primary">${t("message.send")}</button>
</form>
<style nonce="${reply.cspNonce}">.thread{list-style:none;padding:0}.message{border:1px solid #ccc;border-radius:6px;padding:.5rem .75rem;margin:.5rem 0;max-width:44rem}.message.staff{background:#eef4fb}.message .text{white-space:pre-wrap;overflow-wrap:anywhere}.message-form textarea{width:100%;max-width:44rem;box-sizing:border-box}.message-form label{display:block;margin-top:.5rem}</style>`;
  return sendPage(request, reply, {
    title,
    wide: true,
    nav: visit.staff ? firmNav(t, visit.firm, visit.staff) : spaceNav(t, visit.firm),
    status: problem?.status ?? 200,
    body,
  });
}
