import { csrfField } from "@sesame/kit/ui/forms";
import { html } from "@sesame/kit/ui/html";
import type { FastifyReply, FastifyRequest } from "fastify";
import { spaceNav } from "../contacts/contact-access";
import { listDocuments } from "../documents/document-queries";
import { contactsOfDossier } from "../dossiers/dossier-queries";
import { firmNav, formatDate } from "../firms/firm-nav";
import type { MessageKey } from "../i18n/messages";
import type { ThreadVisit } from "../messages/message-access";
import type { PortalContext } from "../service/portal-context";
import { sendPage, tr } from "../ui/page";
import { approvalsOf, latestVersions } from "./approval-queries";
import { newerThanApproved } from "./approval-rules";

/** A dossier's approvals (a contact sees those asked of them); staff ask for a new one here. */
export async function approvalListPage(
  ctx: PortalContext,
  request: FastifyRequest,
  reply: FastifyReply,
  visit: ThreadVisit,
  shown: { problem?: MessageKey; status?: number } = {},
) {
  const t = tr(request);
  const here = `/${visit.firm.code}/dossiers/${visit.dossier.id}/approvals`;
  const rows = await approvalsOf(ctx.db, visit.scope, visit.staff ? undefined : visit.person.id);
  const latest = await latestVersions(
    ctx.db,
    rows.map((r) => r.document_id),
  );
  const title = t("approval.list.title", { dossier: visit.dossier.name });
  const ask = visit.staff ? await askForm(ctx, visit, t, reply, here) : html``;
  return sendPage(request, reply, {
    title,
    wide: true,
    status: shown.status ?? 200,
    nav: visit.staff ? firmNav(t, visit.firm, visit.staff) : spaceNav(t, visit.firm),
    body: html`<h1>${title}</h1>
<p><a href="/${visit.firm.code}/dossiers/${visit.dossier.id}/documents">${t("document.link")}</a> · <a href="/${visit.firm.code}/dossiers/${visit.dossier.id}/messages">${t("message.link")}</a></p>
${shown.problem ? html`<p class="error" role="alert">${t(shown.problem)}</p>` : ""}
${
  rows.length === 0
    ? html`<p>${t("approval.list.none")}</p>`
    : html`<ul class="approvals">${rows.map((a) => {
        const newer = latest.get(a.document_id) ?? a.version_number;
        return html`<li><a href="${here}/${a.id}">${a.document_name} (v${a.version_number})</a> · <strong>${t(`approval.status.${a.status}`)}</strong> · ${formatDate(a.requested_at, request.locale)}${newerThanApproved(a, newer) ? html` · <span class="not-approved">${t("approval.notApproved", { version: newer })}</span>` : ""}</li>`;
      })}</ul>`
}
${ask}`,
  });
}

async function askForm(
  ctx: PortalContext,
  visit: ThreadVisit,
  t: ReturnType<typeof tr>,
  reply: FastifyReply,
  here: string,
) {
  const docs = await listDocuments(ctx.db, visit.scope, false);
  const approvers = (await contactsOfDossier(ctx.db, visit.dossier.id)).filter((c) => c.can_approve === 1);
  const missing =
    docs.length === 0
      ? "approval.ask.noDocument"
      : approvers.length === 0
        ? "approval.ask.noContact"
        : undefined;
  return html`<section aria-labelledby="ask"><h2 id="ask">${t("approval.ask.title")}</h2>
${
  missing
    ? html`<p>${t(missing)}</p>`
    : html`<form method="post" action="${here}">${csrfField(reply)}
<p><label for="ask-document">${t("approval.ask.document")}</label><br><select id="ask-document" name="document">${docs.map((d) => html`<option value="${d.id}">${d.name} (v${d.number})</option>`)}</select></p>
<p><label for="ask-contact">${t("approval.ask.contact")}</label><br><select id="ask-contact" name="contact">${approvers.map((c) => html`<option value="${c.id}">${c.first_name} ${c.last_name} &lt;${c.email}&gt;</option>`)}</select></p>
<p><label for="ask-note">${t("approval.ask.note")}</label><br><textarea id="ask-note" name="note" rows="2" maxlength="2000"></textarea></p>
<p><button class="primary">${t("approval.ask.send")}</button></p></form>`
}</section>`;
}
