import { csrfField, csrfToken } from "@sesame/kit/ui/forms";
import { html, type SafeHtml } from "@sesame/kit/ui/html";
import type { FastifyReply, FastifyRequest } from "fastify";
import { spaceNav } from "../contacts/contact-access";
import type { DossierVisit } from "../documents/document-access";
import { firmNav, formatDate } from "../firms/firm-nav";
import type { MessageKey, T } from "../i18n/messages";
import type { PortalContext } from "../service/portal-context";
import type { RequestListTable } from "../storage/request-tables";
import { sendPage, tr } from "../ui/page";
import { itemsOfList, listsOfDossier, type RequestItem } from "./request-queries";
import { awaitsClient, awaitsReview, parisDay, progressOf, urgency } from "./request-rules";
import { templatesOf } from "./request-settings-operations";

/** A day as people read it: 31/03/2026 or 31 March 2026. */
export const showDay = (day: string, locale: "fr" | "en"): string =>
  new Date(`${day}T12:00:00Z`).toLocaleDateString(locale === "fr" ? "fr-FR" : "en-GB", {
    dateStyle: "medium",
    timeZone: "Europe/Paris",
  });

const nav = (t: T, visit: DossierVisit) =>
  visit.staff ? firmNav(t, visit.firm, visit.staff) : spaceNav(t, visit.firm);

export function progressLine(t: T, statuses: Parameters<typeof progressOf>[0]): SafeHtml {
  const p = progressOf(statuses);
  return html`<progress max="${p.total}" value="${p.accepted}" aria-hidden="true"></progress> ${t("request.progress", { accepted: p.accepted, total: p.total })}${p.complete ? html` · <strong class="success">${t("request.complete")}</strong>` : ""}`;
}

/** A dossier's request lists with their progress; staff also get the form that creates one. */
export async function requestListsPage(
  ctx: PortalContext,
  request: FastifyRequest,
  reply: FastifyReply,
  visit: DossierVisit,
  error?: MessageKey,
) {
  const t = tr(request);
  const lists = await listsOfDossier(ctx.db, visit.scope);
  const here = `/${visit.firm.code}/dossiers/${visit.dossier.id}/demandes`;
  const title = t("request.title", { dossier: visit.dossier.name });
  const body = html`<h1>${title}</h1>
<p><a href="/${visit.firm.code}/dossiers/${visit.dossier.id}/documents">${t("request.documents")}</a></p>
${
  lists.length === 0
    ? html`<p>${t("request.none")}</p>`
    : html`<ul class="request-lists">${lists.map(
        (l) =>
          html`<li><a href="${here}/${l.id}"><strong>${l.title}</strong></a> · ${formatDate(l.created_at, request.locale)}<br>${progressLine(
            t,
            l.items.map((i) => i.status),
          )}</li>`,
      )}</ul>`
}
${visit.rights.manage ? await createForm(ctx, t, reply, visit, here, request.locale, error) : ""}`;
  return sendPage(request, reply, { title, wide: true, nav: nav(t, visit), status: error ? 400 : 200, body });
}

async function createForm(
  ctx: PortalContext,
  t: T,
  reply: FastifyReply,
  visit: DossierVisit,
  here: string,
  locale: "fr" | "en",
  error: MessageKey | undefined,
) {
  const templates = await templatesOf(ctx.db, visit.firm.id, locale);
  return html`<section aria-labelledby="new-request"><h2 id="new-request">${t("request.create.title")}</h2>
${error ? html`<p class="error" role="alert">${t(error)}</p>` : ""}
<form method="post" action="${here}">${csrfField(reply)}
<label for="template">${t("request.create.template")}</label>
<select id="template" name="template">${templates.map((tp) => html`<option value="${tp.id}">${tp.name} (${tp.items.length})</option>`)}</select>
<label for="list-title">${t("request.create.listTitle")}</label><input id="list-title" name="title" maxlength="200">
<label for="due">${t("request.create.due")}</label><input id="due" name="due" type="date" required>
<div class="actions"><button class="primary">${t("request.create.submit")}</button></div>
</form></section>`;
}

/** One list, item by item: the client answers what waits for them, the accountant reviews. */
export async function requestListPage(
  ctx: PortalContext,
  request: FastifyRequest,
  reply: FastifyReply,
  visit: DossierVisit,
  list: RequestListTable,
  notice?: { error?: string; done?: string },
) {
  const t = tr(request);
  const items = await itemsOfList(ctx.db, list.id);
  const base = `/${visit.firm.code}/dossiers/${visit.dossier.id}/demandes`;
  const here = `${base}/${list.id}`;
  const today = parisDay(Date.now());
  const title = t("request.list.title", { title: list.title, dossier: visit.dossier.name });
  const body = html`<h1>${title}</h1>
<p><a href="${base}">${t("request.back")}</a> · <a href="/${visit.firm.code}/dossiers/${visit.dossier.id}/documents">${t("request.documents")}</a></p>
<p>${progressLine(
    t,
    items.map((i) => i.status),
  )}</p>
${notice?.error ? html`<p class="error" role="alert">${notice.error}</p>` : ""}
${notice?.done ? html`<p class="success" role="status">${notice.done}</p>` : ""}
<ol class="request-items">${items.map((item) => itemView(t, reply, visit, here, item, today, request.locale))}</ol>
${visit.rights.manage ? html`<form method="post" action="${here}/remind">${csrfField(reply)}<button>${t("request.remind")}</button></form>` : ""}`;
  return sendPage(request, reply, {
    title,
    wide: true,
    nav: nav(t, visit),
    status: notice?.error ? 422 : 200,
    body,
  });
}

function itemView(
  t: T,
  reply: FastifyReply,
  visit: DossierVisit,
  here: string,
  item: RequestItem,
  today: string,
  locale: "fr" | "en",
): SafeHtml {
  const waiting = awaitsClient(item.status);
  const late = waiting && urgency(item.due_date, today) === "late";
  const at = `${here}/items/${item.id}`;
  return html`<li class="request-item status-${item.status}" id="item-${item.id}">
<h2>${item.label}</h2>
<p><strong>${t(`request.status.${item.status}`)}</strong> · ${t("request.item.due", { date: showDay(item.due_date, locale) })}${late ? html` · <strong class="error">${t("request.late")}</strong>` : ""}</p>
${answerView(t, here, item, locale)}
${item.status === "rejected" && item.review_reason ? html`<p class="notice">${t("request.review.rejected", { reason: item.review_reason })}</p>` : ""}
${waiting && visit.rights.upload && !visit.rights.manage ? answerForms(t, reply, at, item) : ""}
${awaitsReview(item.status) && visit.rights.manage ? reviewForms(t, reply, at, item) : ""}
${visit.rights.manage && item.status !== "accepted" ? html`<form method="post" action="${at}/due" class="inline">${csrfField(reply)}<label for="due-${item.id}">${t("request.due.label", { label: item.label })}</label> <input type="date" id="due-${item.id}" name="due" value="${item.due_date}" required> <button>${t("request.due.save")}</button></form>` : ""}
</li>`;
}

function answerView(t: T, here: string, item: RequestItem, locale: "fr" | "en"): SafeHtml | string {
  if (!item.answer_kind) return "";
  const docs = here.replace(/\/demandes\/[^/]+$/, "/documents");
  const what =
    item.answer_kind === "upload"
      ? html`${t("request.answer.file")} <a href="${docs}/${item.document_id ?? ""}/download">${item.document_name ?? ""}</a>`
      : html`${t(item.answer_kind === "comment" ? "request.answer.comment" : "request.answer.notApplicable")} ${item.answer_text ?? ""}`;
  return html`<p>${what} <span class="muted">(${t("request.answer.by", { who: item.answered_by ?? "", date: formatDate(item.answered_at ?? 0, locale) })})</span></p>`;
}

function answerForms(t: T, reply: FastifyReply, at: string, item: RequestItem): SafeHtml {
  const token = csrfToken(reply);
  return html`<details open><summary>${t("request.answer.title")}</summary>
<form method="post" enctype="multipart/form-data" action="${at}/upload?_csrf=${token}">
<label for="file-${item.id}">${t("request.answer.uploadLabel", { label: item.label })}</label>
<input type="file" id="file-${item.id}" name="files" required>
<button class="primary">${t("request.answer.uploadSend")}</button></form>
<form method="post" action="${at}/comment">${csrfField(reply)}
<label for="comment-${item.id}">${t("request.answer.commentLabel", { label: item.label })}</label>
<textarea id="comment-${item.id}" name="text" maxlength="2000" required></textarea>
<button>${t("request.answer.commentSend")}</button></form>
<form method="post" action="${at}/na">${csrfField(reply)}
<label for="na-${item.id}">${t("request.answer.naLabel", { label: item.label })}</label>
<input id="na-${item.id}" name="text" maxlength="2000" required>
<button>${t("request.answer.naSend")}</button></form>
</details>`;
}

function reviewForms(t: T, reply: FastifyReply, at: string, item: RequestItem): SafeHtml {
  return html`<form method="post" action="${at}/accept" class="inline">${csrfField(reply)}<button class="primary">${t("request.review.accept", { label: item.label })}</button></form>
<form method="post" action="${at}/reject">${csrfField(reply)}
<label for="reason-${item.id}">${t("request.review.reason", { label: item.label })}</label>
<input id="reason-${item.id}" name="text" maxlength="2000" required>
<button>${t("request.review.reject")}</button></form>`;
}
