import { csrfField, fieldError } from "@sesame/kit/ui/forms";
import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { dossiersOfContact, findDossierBySiren } from "../dossiers/dossier-queries";
import { PortalError } from "../errors/portal-error";
import { firmItemParams, type StaffRequest, staffOnly } from "../firms/firm-access";
import { firmNav, formatDate } from "../firms/firm-nav";
import { inviteContact, refusalStatus } from "../guests/guest-access-operations";
import { contactGuest } from "../guests/guest-access-queries";
import { contactGuestSection } from "../guests/guest-section";
import { revokeInvitation } from "../invitations/invitation-operations";
import { latestInvitation } from "../invitations/invitation-queries";
import { contactState } from "../invitations/invitation-rules";
import { refreshReadiness } from "../readiness/readiness-operations";
import { readinessKey } from "../readiness/readiness-text";
import type { PortalContext } from "../service/portal-context";
import { withFlash } from "../ui/flash";
import { formBody, optionalText, queryText } from "../ui/form-body";
import { sendPage, tr } from "../ui/page";
import { rightsFieldset } from "./contact-form";
import { linkContactToDossier } from "./contact-operations";
import { findContact } from "./contact-queries";
import { rightsFields, rightsOf } from "./contact-rights";

/** A contact's page: readiness, where they stand, invitation actions, dossiers and rights. */
export function registerContactPage(fastify: FastifyInstance, ctx: PortalContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    "/:firm/interlocuteurs/:id",
    { schema: { params: firmItemParams, querystring: z.object({ link: queryText }) } },
    async (request, reply) =>
      staffOnly(ctx, request, reply, async (who) => {
        const { firm, staff } = who;
        const t = tr(request);
        const contact = await contactOf(ctx, request.params.id, who);
        const [invitation, dossiers, guest] = await Promise.all([
          latestInvitation(ctx.db, contact.id),
          dossiersOfContact(ctx.db, contact.id),
          contactGuest(ctx.db, contact.id),
        ]);
        const state = contactState(contact, invitation);
        const base = `/${firm.code}/interlocuteurs/${contact.id}`;
        const linkError = request.query.link === "unknown" ? t("contact.error.dossier") : undefined;
        // One token for every form of the page: on a first visit each call would start a new CSRF secret.
        const csrf = csrfField(reply);
        const action = (path: string, label: string) =>
          html`<form method="post" action="${base}/${path}" class="inline">${csrf}<button type="submit" class="primary">${label}</button></form>`;
        const name = `${t(`contact.civility.${contact.civility}`)} ${contact.first_name} ${contact.last_name}`;
        return sendPage(request, reply, {
          title: name,
          wide: true,
          nav: firmNav(t, firm, staff),
          body: html`<h1>${name}</h1>
<p>${contact.email}${contact.phone ? html` · ${contact.phone}` : ""} · ${t(`contact.language.${contact.language}`)}</p>
<p><strong>${t("contact.list.state")}${t("portal.colon")}</strong> <span class="state state-${state}">${t(`contact.state.${state}`)}</span></p>
<h2>${t("contact.readiness.title")}</h2>
<p>${t(readinessKey(contact.readiness_kind, contact.readiness_consent), {
            domain: contact.readiness_domain ?? "",
            organization: contact.readiness_organization ?? "",
          })}</p>
${contact.readiness_checked_at ? html`<p class="muted">${t("contact.readiness.checkedAt", { date: formatDate(contact.readiness_checked_at, request.locale) })}</p>` : ""}
${contact.readiness_checked_at ? action("recheck", t("contact.readiness.recheck")) : action("recheck", t("contact.readiness.check"))}
<h2>${t("contact.invitation.title")}</h2>
${
  state === "active"
    ? html`<p>${t("contact.invitation.active")}</p>`
    : html`${
        invitation
          ? html`<p>${t(
              invitation.send_count > 1 ? "contact.invitation.sent.other" : "contact.invitation.sent.one",
              {
                date: formatDate(invitation.last_sent_at, request.locale),
                count: invitation.send_count,
                expires: formatDate(invitation.expires_at, request.locale),
              },
            )}</p>`
          : ""
      }
${action("invite", invitation ? t("contact.invitation.resend") : t("contact.invitation.invite"))}
${state === "invited" || state === "account_missing" || state === "approval_pending" || state === "approval_requested" ? html`<a class="button danger" href="${base}/revoke">${t("contact.invitation.revoke")}</a>` : ""}`
}
${contactGuestSection(t, { contact, guest, base, csrf })}
<h2>${t("contact.dossiers.title")}</h2>
${
  dossiers.length === 0
    ? html`<p>${t("contact.dossiers.none")}</p>`
    : html`<ul>${dossiers.map(
        (d) =>
          html`<li><a href="/${firm.code}/dossiers/${d.id}">${d.name}</a> (${d.siren}) · ${[
            d.can_read ? t("dossier.right.read") : "",
            d.can_upload ? t("dossier.right.upload") : "",
            d.can_approve ? t("dossier.right.approve") : "",
          ]
            .filter(Boolean)
            .join(", ")}</li>`,
      )}</ul>`
}
<form method="post" action="${base}/dossiers">${csrf}
<label for="dossier_siren">${t("contact.dossier")}</label>${fieldError("dossier_siren", linkError)}
<input type="text" id="dossier_siren" name="dossier_siren" inputmode="numeric" required>
${rightsFieldset(t)}
<button type="submit" class="primary">${t("contact.dossiers.link")}</button></form>`,
        });
      }),
  );

  app.post(
    "/:firm/interlocuteurs/:id/recheck",
    { schema: { params: firmItemParams } },
    async (request, reply) =>
      staffOnly(ctx, request, reply, async (who) => {
        const contact = await contactOf(ctx, request.params.id, who);
        await refreshReadiness(ctx, contact);
        return reply.redirect(withFlash(`/${who.firm.code}/interlocuteurs/${contact.id}`, "rechecked"), 303);
      }),
  );

  app.post(
    "/:firm/interlocuteurs/:id/invite",
    { schema: { params: firmItemParams, body: formBody({}) } },
    async (request, reply) =>
      staffOnly(ctx, request, reply, async (who) => {
        const contact = await contactOf(ctx, request.params.id, who);
        // Someone already signed in needs no invitation: the page simply shows them active.
        const sent = await inviteContact(ctx, who, contact);
        const base = `/${who.firm.code}/interlocuteurs/${contact.id}`;
        if (!sent.ok && sent.refusal !== "contact.invitation.active")
          throw new PortalError(refusalStatus[sent.refusal], sent.refusal);
        if (!sent.ok) return reply.redirect(base, 303);
        return reply.redirect(withFlash(base, sent.reminder ? "reminded" : "invited"), 303);
      }),
  );

  app.get(
    "/:firm/interlocuteurs/:id/revoke",
    { schema: { params: firmItemParams } },
    async (request, reply) =>
      staffOnly(ctx, request, reply, async (who) => {
        const t = tr(request);
        const contact = await contactOf(ctx, request.params.id, who);
        const base = `/${who.firm.code}/interlocuteurs/${contact.id}`;
        const name = `${contact.first_name} ${contact.last_name}`;
        return sendPage(request, reply, {
          title: t("contact.invitation.revoke"),
          nav: firmNav(t, who.firm, who.staff),
          body: html`<h1>${t("contact.invitation.revoke")}</h1>
<p>${t("contact.invitation.revoke.confirm", { name })}</p>
<div class="actions"><a class="button secondary" href="${base}">${t("contact.invitation.revoke.no")}</a>
<form method="post" action="${base}/revoke" class="inline">${csrfField(reply)}<button type="submit" class="danger">${t("contact.invitation.revoke.yes")}</button></form></div>`,
        });
      }),
  );

  app.post(
    "/:firm/interlocuteurs/:id/revoke",
    { schema: { params: firmItemParams, body: formBody({}) } },
    async (request, reply) =>
      staffOnly(ctx, request, reply, async (who) => {
        const contact = await contactOf(ctx, request.params.id, who);
        await revokeInvitation(ctx, who, contact);
        return reply.redirect(withFlash(`/${who.firm.code}/interlocuteurs/${contact.id}`, "revoked"), 303);
      }),
  );

  app.post(
    "/:firm/interlocuteurs/:id/dossiers",
    { schema: { params: firmItemParams, body: formBody({ dossier_siren: optionalText, ...rightsFields }) } },
    async (request, reply) =>
      staffOnly(ctx, request, reply, async (who) => {
        const contact = await contactOf(ctx, request.params.id, who);
        const dossier = await findDossierBySiren(ctx.db, who.firm.id, request.body.dossier_siren ?? "");
        const base = `/${who.firm.code}/interlocuteurs/${contact.id}`;
        if (!dossier) return reply.redirect(`${base}?link=unknown`, 303);
        await linkContactToDossier(ctx, who, contact, {
          dossierId: dossier.id,
          siren: dossier.siren,
          ...rightsOf(request.body),
        });
        return reply.redirect(withFlash(base, "linked"), 303);
      }),
  );
}

async function contactOf(ctx: PortalContext, id: string, { firm }: StaffRequest) {
  const contact = await findContact(ctx.db, firm.id, id);
  if (!contact) throw new PortalError(404, "contact.notFound");
  return contact;
}
