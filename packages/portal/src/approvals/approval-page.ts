import { csrfField } from "@sesame/kit/ui/forms";
import { html, type SafeHtml } from "@sesame/kit/ui/html";
import type { FastifyReply, FastifyRequest } from "fastify";
import { spaceNav } from "../contacts/contact-access";
import { versionsOf } from "../documents/document-queries";
import { previewable } from "../documents/document-rules";
import { firmNav, formatDate } from "../firms/firm-nav";
import type { MessageKey, T } from "../i18n/messages";
import type { ThreadVisit } from "../messages/message-access";
import type { PortalContext } from "../service/portal-context";
import { sendPage, tr } from "../ui/page";
import { type Approval, latestVersions, usableReauth } from "./approval-queries";
import { newerThanApproved, REAUTH_WINDOW_MS } from "./approval-rules";

const statusBadge = (t: T, a: Approval) =>
  html`<strong class="status status-${a.status}">${t(`approval.status.${a.status}`)}</strong>`;

/** One approval: the exact version asked about, then the decision (or how to make it). */
export async function approvalPage(
  ctx: PortalContext,
  request: FastifyRequest,
  reply: FastifyReply,
  visit: ThreadVisit,
  a: Approval,
  shown: { problem?: MessageKey; status?: number } = {},
) {
  const t = tr(request);
  const locale = request.locale;
  const docs = `/${visit.firm.code}/dossiers/${visit.dossier.id}/documents`;
  const here = `/${visit.firm.code}/dossiers/${visit.dossier.id}/approvals/${a.id}`;
  const latest = (await latestVersions(ctx.db, [a.document_id])).get(a.document_id) ?? a.version_number;
  const version = (await versionsOf(ctx.db, a.document_id)).find((v) => v.number === a.version_number);
  const contact = await ctx.db
    .selectFrom("contact")
    .select(["first_name", "last_name", "email"])
    .where("id", "=", a.contact_id)
    .executeTakeFirst();
  const mine = visit.person.kind === "contact" && visit.person.id === a.contact_id;
  const proof =
    mine && a.status === "pending"
      ? await usableReauth(ctx.db, a.id, a.contact_id, Date.now() - REAUTH_WINDOW_MS)
      : undefined;
  const title = t("approval.title", { document: a.document_name });
  const body = html`<h1>${title}</h1>
<p>${visit.dossier.name} · ${statusBadge(t, a)}</p>
${newerThanApproved(a, latest) ? html`<p class="error not-approved" role="alert">${t("approval.notApproved", { version: latest })}</p>` : ""}
${shown.problem ? html`<p class="error" role="alert">${t(shown.problem)}</p>` : ""}
<dl class="facts">
<dt>${t("approval.document")}</dt><dd>${a.document_name}</dd>
<dt>${t("approval.version")}</dt><dd>v${a.version_number}</dd>
<dt>${t("approval.sha256")}</dt><dd><code>${a.sha256}</code></dd>
<dt>${t("approval.contact")}</dt><dd>${contact ? `${contact.first_name} ${contact.last_name} <${contact.email}>` : "-"}</dd>
<dt>${t("approval.note")}</dt><dd><p class="muted">${t("approval.requestedBy", { by: a.requested_by, date: formatDate(a.requested_at, locale) })}</p>${a.note ? html`<p class="note">${a.note}</p>` : ""}</dd>
</dl>
<p>${version && previewable(version.mime) ? html`<a href="${docs}/${a.document_id}/preview?v=${a.version_number}">${t("approval.view", { version: a.version_number })}</a> · ` : ""}<a href="${docs}/${a.document_id}/download?v=${a.version_number}">${t("approval.download", { version: a.version_number })}</a></p>
${a.status === "pending" ? (mine && visit.rights.approve ? decisionPart(t, reply, here, locale, proof) : "") : decided(t, a, locale, here)}`;
  return sendPage(request, reply, {
    title,
    wide: true,
    status: shown.status ?? 200,
    nav: visit.staff ? firmNav(t, visit.firm, visit.staff) : spaceNav(t, visit.firm),
    body: html`${body}<style nonce="${reply.cspNonce}">.facts dd{margin:0 0 .5rem 0;overflow-wrap:anywhere}.facts dd p{margin:0}.note{white-space:pre-wrap}.facts dt{font-weight:bold}.decide textarea{width:100%;max-width:40rem;box-sizing:border-box}.decide label{display:block}</style>`,
  });
}

function decisionPart(
  t: T,
  reply: FastifyReply,
  here: string,
  locale: "fr" | "en",
  proof: { auth_time: number | null } | undefined,
): SafeHtml {
  if (!proof)
    return html`<section aria-labelledby="reauth"><h2 id="reauth">${t("approval.reauth.button")}</h2><p>${t("approval.reauth.lead")}</p>
<form method="post" action="${here}/reauth">${csrfField(reply)}<button class="primary">${t("approval.reauth.button")}</button></form></section>`;
  return html`<section aria-labelledby="decide"><h2 id="decide">${t("approval.reauth.done", { time: formatDate(proof.auth_time ?? 0, locale) })}</h2>
<form method="post" action="${here}/decide" class="decide">${csrfField(reply)}
<label for="comment">${t("approval.decide.comment")}</label><textarea id="comment" name="comment" rows="3" maxlength="2000"></textarea>
<p><button class="primary" name="decision" value="approved">${t("approval.decide.approve")}</button>
<button name="decision" value="refused">${t("approval.decide.refuse")}</button></p></form></section>`;
}

function decided(t: T, a: Approval, locale: "fr" | "en", here: string): SafeHtml {
  return html`<section aria-labelledby="decision"><h2 id="decision">${t("approval.decided", {
    status: t(`approval.status.${a.status}`),
    date: formatDate(a.decided_at ?? 0, locale),
    name: a.signer_name ?? "-",
  })}</h2><dl class="facts">
<dt>${t("approval.signer")}</dt><dd>${a.signer_name ?? "-"}</dd>
<dt>${t("approval.signer.ids")}</dt><dd><code>${a.signer_tid ?? "-"} / ${a.signer_oid ?? "-"}</code></dd>
<dt>${t("approval.authTime")}</dt><dd>${formatDate(a.auth_time ?? 0, locale)}</dd>
<dt>${t("approval.where")}</dt><dd>${a.signer_ip ?? "-"} · ${a.signer_user_agent ?? "-"}</dd>
<dt>${t("approval.comment")}</dt><dd>${a.comment ?? "-"}</dd>
</dl><p><a href="${here}/certificate.pdf">${t("approval.certificate")}</a></p></section>`;
}
