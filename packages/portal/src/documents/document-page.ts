import { csrfField, csrfToken } from "@sesame/kit/ui/forms";
import { html, type SafeHtml } from "@sesame/kit/ui/html";
import type { FastifyReply, FastifyRequest } from "fastify";
import { spaceNav } from "../contacts/contact-access";
import { firmNav, formatDate } from "../firms/firm-nav";
import type { T } from "../i18n/messages";
import type { PortalContext } from "../service/portal-context";
import { sendPage, tr } from "../ui/page";
import type { DossierVisit } from "./document-access";
import { type DocumentListRow, eventsOf, type Folder, listDocuments, versionsOf } from "./document-queries";
import { inBin, previewable } from "./document-rules";
import type { FileOutcome } from "./document-upload";
import { ensureFolders } from "./folder-operations";

/** A size as people read it: octets in French, bytes in English. */
function size(bytes: number, locale: "fr" | "en"): string {
  const [b, k, m] = locale === "fr" ? ["o", "Ko", "Mo"] : ["B", "KB", "MB"];
  if (bytes < 1024) return `${bytes} ${b}`;
  if (bytes < 1048576) return `${(bytes / 1024).toFixed(0)} ${k}`;
  return `${(bytes / 1048576).toFixed(1)} ${m}`;
}

/** A dossier's documents by folder, for staff and contacts alike (actions follow the rights). */
export async function documentsPage(
  ctx: PortalContext,
  request: FastifyRequest,
  reply: FastifyReply,
  visit: DossierVisit,
  uploaded: readonly FileOutcome[] = [],
) {
  const t = tr(request);
  const folders = await ensureFolders(ctx, visit.scope);
  const live = await listDocuments(ctx.db, visit.scope, false);
  const bin = visit.rights.manage
    ? (await listDocuments(ctx.db, visit.scope, true)).filter((d) => inBin(d.deleted_at))
    : [];
  const events = visit.rights.manage ? await eventsOf(ctx.db, visit.scope, 50) : [];
  const here = `/${visit.firm.code}/dossiers/${visit.dossier.id}/documents`;
  const versions = new Map(
    await Promise.all(live.map(async (d) => [d.id, await versionsOf(ctx.db, d.id)] as const)),
  );
  const row = (d: DocumentListRow) => html`<li class="doc" data-mime="${d.mime}">
<a href="${here}/${d.id}/download">${d.name}</a> · v${d.number} · ${size(d.size, request.locale)} · ${d.uploaded_by} · ${formatDate(d.uploaded_at, request.locale)} · <span class="scan-${d.scan}">${t(`document.scan.${d.scan}`)}</span>
${previewable(d.mime) ? html` · <a href="${here}/${d.id}/preview" class="preview" data-mime="${d.mime}">${t("document.preview")}</a>` : ""}
${older(t, here, d, versions.get(d.id) ?? [], request.locale)}
${visit.rights.manage ? manageForms(t, reply, here, d, folders) : ""}
</li>`;
  const body = html`<h1>${t("document.title", { dossier: visit.dossier.name })}</h1>
${uploaded.length > 0 ? html`<ul role="status">${uploaded.map((f) => html`<li>${f.outcome.ok ? t("document.upload.done", { name: f.name }) : `${f.name} : ${t(f.outcome.refusal, { mime: f.outcome.mime ?? "?" })}`}</li>`)}</ul>` : ""}
<p><a href="/${visit.firm.code}/dossiers/${visit.dossier.id}/demandes">${t("clienthome.requestsLink")}</a> · <a href="/${visit.firm.code}/dossiers/${visit.dossier.id}/messages">${t("message.link")}</a>${visit.rights.approve || visit.rights.manage ? html` · <a href="/${visit.firm.code}/dossiers/${visit.dossier.id}/approvals">${t("approval.link")}</a>` : ""}${visit.rights.manage ? html` · <a href="/${visit.firm.code}/dossiers/${visit.dossier.id}/upload-links">${t("uploadLink.staff.link")}</a>` : ""}</p>
${folders.map((folder) => {
  const docs = live.filter((d) => d.folder_id === folder.id);
  return html`<section class="folder" aria-labelledby="f-${folder.id}"><h2 id="f-${folder.id}">${folder.name}</h2>
${docs.length === 0 ? html`<p>${t("document.folder.empty")}</p>` : html`<ul class="docs">${docs.map(row)}</ul>`}
${visit.rights.upload ? uploadForm(t, reply, here, folder) : ""}
</section>`;
})}
${
  bin.length > 0
    ? html`<section aria-labelledby="bin"><h2 id="bin">${t("document.bin")}</h2><ul>${bin.map(
        (d) => html`<li>${d.name} · ${formatDate(d.deleted_at ?? 0, request.locale)}
<form method="post" action="${here}/${d.id}/restore" class="inline">${csrfField(reply)}<button>${t("document.restore")}</button></form></li>`,
      )}</ul></section>`
    : ""
}
${
  events.length > 0
    ? html`<section aria-labelledby="activity"><h2 id="activity">${t("document.activity")}</h2>
<p><a href="/${visit.firm.code}/dossiers/${visit.dossier.id}/activity">${t("activity.link")}</a></p><ul class="trail">${events.map(
        (e) =>
          html`<li>${formatDate(e.at, request.locale)} · ${e.actor} ${t(`document.action.${e.action}`)} « ${e.document_name} »${e.version_number ? ` (v${e.version_number})` : ""} · ${e.ip}</li>`,
      )}</ul></section>`
    : ""
}
<dialog id="viewer" aria-label="${t("document.preview")}"><form method="dialog"><button>×</button></form><div class="viewer-body"></div></dialog>
<script src="/_assets/tus.min.js" defer nonce="${reply.cspNonce}"></script>
<script src="/_assets/portal-documents.js" defer nonce="${reply.cspNonce}"></script>`;
  return sendPage(request, reply, {
    title: t("document.title", { dossier: visit.dossier.name }),
    wide: true,
    nav: visit.staff ? firmNav(t, visit.firm, visit.staff) : spaceNav(t, visit.firm),
    status: uploaded.some((f) => !f.outcome.ok) ? 422 : 200,
    body,
  });
}

function uploadForm(t: T, reply: FastifyReply, here: string, folder: Folder): SafeHtml {
  const token = csrfToken(reply);
  return html`<form method="post" enctype="multipart/form-data" class="upload" data-csrf="${token}" data-tus="${here}/tus?folder=${folder.id}"
 action="${here}?folder=${folder.id}&amp;_csrf=${token}">
<label for="u-${folder.id}">${t("document.upload.choose", { folder: folder.name })}</label>
<p class="drop" hidden>${t("document.upload.drop")}</p>
<input type="file" id="u-${folder.id}" name="files" multiple required>
<button>${t("document.upload.send")}</button>
<ul class="progress" aria-live="polite"></ul>
</form>`;
}

function older(
  t: T,
  here: string,
  d: DocumentListRow,
  all: readonly { number: number; uploaded_by: string; uploaded_at: number }[],
  locale: "fr" | "en",
) {
  const earlier = all.filter((v) => v.number !== d.number);
  if (earlier.length === 0) return "";
  return html`<details><summary>${t("document.versions")}</summary><ul>${earlier.map(
    (v) =>
      html`<li><a href="${here}/${d.id}/download?v=${v.number}">v${v.number}</a> · ${v.uploaded_by} · ${formatDate(v.uploaded_at, locale)}</li>`,
  )}</ul></details>`;
}

function manageForms(
  t: T,
  reply: FastifyReply,
  here: string,
  d: DocumentListRow,
  folders: readonly Folder[],
) {
  return html`<details><summary>${t("document.rename")} · ${t("document.move")} · ${t("document.delete")}</summary>
<form method="post" action="${here}/${d.id}/rename">${csrfField(reply)}<label for="n-${d.id}">${t("document.newName")}</label>
<input id="n-${d.id}" name="name" value="${d.name}" required><button>${t("document.rename")}</button></form>
<form method="post" action="${here}/${d.id}/move">${csrfField(reply)}<label for="m-${d.id}">${t("document.moveTo")}</label>
<select id="m-${d.id}" name="folder">${folders.map((f) => html`<option value="${f.id}"${f.id === d.folder_id ? html` selected` : ""}>${f.name}</option>`)}</select><button>${t("document.move")}</button></form>
<form method="post" action="${here}/${d.id}/delete">${csrfField(reply)}<button>${t("document.delete")}</button></form>
</details>`;
}
