import { csrfField, csrfToken } from "@sesame/kit/ui/forms";
import { html } from "@sesame/kit/ui/html";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { MessageKey } from "../i18n/messages";
import type { RequestItem } from "../requests/request-queries";
import { awaitsClient } from "../requests/request-rules";
import type { UploadLinkTable } from "../storage/upload-link-tables";
import { sendPage, tr } from "../ui/page";
import { maskedEmail } from "./upload-link-rules";

export interface DepotView {
  readonly firm: { code: string; name: string };
  readonly link: UploadLinkTable;
  readonly token: string;
  readonly dossier: string;
  readonly folder: string;
  /** The request list the link answers, when it was sent for one: its items, one upload each. */
  readonly list?: { readonly id: string; readonly title: string; readonly items: readonly RequestItem[] };
}

const here = (v: DepotView) => `/${v.firm.code}/depot/${v.token}`;

const guideButton = (reply: FastifyReply, v: DepotView, label: string) =>
  html`<form method="post" action="${here(v)}/guide">${csrfField(reply)}<button>${label}</button></form>`;

/** Before the code: ask for one, or type the one received. */
export function codePage(
  request: FastifyRequest,
  reply: FastifyReply,
  v: DepotView,
  error?: MessageKey,
  status = 200,
) {
  const t = tr(request);
  const pending = v.link.code_hash !== null;
  const body = html`<h1>${t("uploadLink.page.title", { firm: v.firm.name })}</h1>
<p>${t("uploadLink.page.intro", { dossier: v.dossier, folder: v.folder })}</p>
${error ? html`<p role="alert" class="error">${t(error)}</p>` : ""}
${
  pending
    ? html`<form method="post" action="${here(v)}/verify">${csrfField(reply)}
<p>${t("uploadLink.code.sent", { email: maskedEmail(v.link.email) })}</p>
<label for="code">${t("uploadLink.code.label")}</label>
<input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="12" required>
<button>${t("uploadLink.code.verify")}</button></form>
<form method="post" action="${here(v)}/code">${csrfField(reply)}<button class="secondary">${t("uploadLink.code.resend")}</button></form>`
    : html`<form method="post" action="${here(v)}/code">${csrfField(reply)}
<p>${t("uploadLink.code.explain", { email: maskedEmail(v.link.email) })}</p>
<button>${t("uploadLink.code.send")}</button></form>`
}`;
  return sendPage(request, reply, { title: t("uploadLink.page.title", { firm: v.firm.name }), status, body });
}

/** Once the code is proven: the upload form for the link's folder, and what was sent so far. */
export function uploadPage(
  request: FastifyRequest,
  reply: FastifyReply,
  v: DepotView,
  sent: readonly { name: string; version: number }[],
  outcomes: readonly string[] = [],
  status = 200,
) {
  const t = tr(request);
  const token = csrfToken(reply);
  const body = html`<h1>${t("uploadLink.page.title", { firm: v.firm.name })}</h1>
<p>${t("uploadLink.upload.intro", { dossier: v.dossier, folder: v.folder, email: v.link.email })}</p>
${outcomes.length > 0 ? html`<ul role="status">${outcomes.map((o) => html`<li>${o}</li>`)}</ul>` : ""}
${
  v.list
    ? listItems(t, v, token)
    : html`<form method="post" enctype="multipart/form-data" class="upload" data-csrf="${token}" action="${here(v)}/files?_csrf=${token}">
<label for="files">${t("uploadLink.upload.choose", { folder: v.folder })}</label>
<p class="drop" hidden>${t("document.upload.drop")}</p>
<input type="file" id="files" name="files" multiple required>
<button>${t("document.upload.send")}</button>
<ul class="progress" aria-live="polite"></ul>
</form>`
}
<h2>${t("uploadLink.upload.sent")}</h2>
${sent.length === 0 ? html`<p>${t("uploadLink.upload.none")}</p>` : html`<ul class="docs">${sent.map((d) => html`<li>${d.name} · v${d.version}</li>`)}</ul>`}
<h2>${t("uploadLink.next.title")}</h2>
<p>${t("uploadLink.next.body", { firm: v.firm.name })}</p>
${guideButton(reply, v, t("uploadLink.next.cta"))}
<script src="/_assets/portal-documents.js" defer nonce="${reply.cspNonce}"></script>`;
  return sendPage(request, reply, { title: t("uploadLink.page.title", { firm: v.firm.name }), status, body });
}

/** A list's items: a file for each one still awaited; the others say where they stand. */
function listItems(t: ReturnType<typeof tr>, v: DepotView, token: string) {
  const items = v.list?.items ?? [];
  return html`<h2>${t("uploadLink.list.title", { list: v.list?.title ?? "" })}</h2>
<ul class="depot-items">${items.map((item) =>
    awaitsClient(item.status)
      ? html`<li><form method="post" enctype="multipart/form-data" action="${here(v)}/items/${item.id}/files?_csrf=${token}">
<label for="item-${item.id}"><strong>${item.label}</strong>${item.status === "rejected" && item.review_reason ? html` · ${t("request.status.rejected")} : ${item.review_reason}` : ""}</label>
<input type="file" id="item-${item.id}" name="files" required>
<button>${t("document.upload.send")}</button></form></li>`
      : html`<li><strong>${item.label}</strong> · ${t(`request.status.${item.status}`)}</li>`,
  )}</ul>`;
}

/** An expired or withdrawn link: no upload any more, the way on is the onboarding guide. */
export function closedPage(
  request: FastifyRequest,
  reply: FastifyReply,
  v: DepotView,
  why: "expired" | "revoked",
) {
  const t = tr(request);
  const body = html`<h1>${t(`uploadLink.closed.${why}`)}</h1>
<p>${t("uploadLink.closed.body", { firm: v.firm.name })}</p>
${guideButton(reply, v, t("uploadLink.next.cta"))}`;
  return sendPage(request, reply, { title: t(`uploadLink.closed.${why}`), status: 410, body });
}
