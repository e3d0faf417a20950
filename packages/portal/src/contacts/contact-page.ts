import { HttpError } from "@sesame/kit/http/http-error";
import { csrfField, fieldError } from "@sesame/kit/ui/forms";
import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { recordAudit } from "../audit/audit-log";
import { dossiersOfContact, findDossierBySiren } from "../dossiers/dossier-queries";
import { type StaffRequest, staffOnly } from "../firms/firm-access";
import { firmNav, formatDate } from "../firms/firm-nav";
import { contactState } from "../invitations/invitation-rules";
import { latestInvitation, revokeInvitations } from "../invitations/invitation-store";
import { sendInvitation } from "../invitations/send-invitation";
import { checkReadiness } from "../readiness/check-readiness";
import { readinessKey } from "../readiness/readiness-text";
import type { PortalContext } from "../service/portal-context";
import { sendPage, tr } from "../ui/page";
import { rightsFieldset } from "./contact-form";
import { findContact, linkDossier, saveReadiness } from "./contact-queries";

type Rights = (body: Record<string, unknown>) => { read: boolean; upload: boolean; approve: boolean };

/** A contact's page: readiness, where they stand, invitation actions, dossiers and rights. */
export function registerContactPage(app: FastifyInstance, ctx: PortalContext, rightsOf: Rights): void {
  app.get(
    "/:firm/interlocuteurs/:id",
    staffOnly(ctx, async (request, reply, who) => {
      const { firm, staff } = who;
      const t = tr(request);
      const contact = await contactOf(ctx, request, who);
      const [invitation, dossiers] = await Promise.all([
        latestInvitation(ctx.db, contact.id),
        dossiersOfContact(ctx.db, contact.id),
      ]);
      const state = contactState(contact, invitation);
      const base = `/${firm.code}/interlocuteurs/${contact.id}`;
      const linkError =
        (request.query as { link?: string }).link === "unknown" ? t("contact.error.dossier") : undefined;
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
<p><strong>${t("contact.list.state")} :</strong> <span class="state state-${state}">${t(`contact.state.${state}`)}</span></p>
<h2>${t("contact.readiness.title")}</h2>
<p>${t(readinessKey(contact.readiness_kind, contact.readiness_consent), { domain: contact.readiness_domain ?? "" })}</p>
${contact.readiness_checked_at ? html`<p class="muted">${t("contact.readiness.checkedAt", { date: formatDate(contact.readiness_checked_at, request.locale) })}</p>` : ""}
${action("recheck", t("contact.readiness.recheck"))}
<h2>${t("contact.invitation.title")}</h2>
${
  state === "active"
    ? html`<p>${t("contact.invitation.active")}</p>`
    : html`${
        invitation
          ? html`<p>${t("contact.invitation.sent", {
              date: formatDate(invitation.last_sent_at, request.locale),
              count: invitation.send_count,
              expires: formatDate(invitation.expires_at, request.locale),
            })}</p>`
          : ""
      }
${action("invite", invitation ? t("contact.invitation.resend") : t("contact.invitation.invite"))}
${state === "invited" || state === "account_missing" || state === "approval_pending" ? action("revoke", t("contact.invitation.revoke")) : ""}`
}
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
    staffOnly(ctx, async (request, reply, who) => {
      const contact = await contactOf(ctx, request, who);
      await saveReadiness(ctx.db, contact.id, await checkReadiness(ctx, who.firm.id, contact.email));
      return reply.redirect(`/${who.firm.code}/interlocuteurs/${contact.id}`, 303);
    }),
  );

  app.post(
    "/:firm/interlocuteurs/:id/invite",
    staffOnly(ctx, async (request, reply, who) => {
      const contact = await contactOf(ctx, request, who);
      if (!contact.tid) {
        await ctx.db.transaction().execute(async (trx) => {
          await sendInvitation(ctx, trx, who.firm, contact);
          await recordAudit(trx, {
            firmId: who.firm.id,
            actor: who.staff.email,
            action: "invitation.send",
            target: contact.email,
          });
        });
        ctx.mailQueued();
      }
      return reply.redirect(`/${who.firm.code}/interlocuteurs/${contact.id}`, 303);
    }),
  );

  app.post(
    "/:firm/interlocuteurs/:id/revoke",
    staffOnly(ctx, async (request, reply, who) => {
      const contact = await contactOf(ctx, request, who);
      await ctx.db.transaction().execute(async (trx) => {
        await revokeInvitations(trx, contact.id);
        await recordAudit(trx, {
          firmId: who.firm.id,
          actor: who.staff.email,
          action: "invitation.revoke",
          target: contact.email,
        });
      });
      return reply.redirect(`/${who.firm.code}/interlocuteurs/${contact.id}`, 303);
    }),
  );

  app.post(
    "/:firm/interlocuteurs/:id/dossiers",
    staffOnly(ctx, async (request, reply, who) => {
      const contact = await contactOf(ctx, request, who);
      const body = (request.body ?? {}) as Record<string, string>;
      const dossier = await findDossierBySiren(ctx.db, who.firm.id, body.dossier_siren ?? "");
      const base = `/${who.firm.code}/interlocuteurs/${contact.id}`;
      if (!dossier) return reply.redirect(`${base}?link=unknown`, 303);
      await ctx.db.transaction().execute(async (trx) => {
        await linkDossier(trx, contact.id, { dossierId: dossier.id, ...rightsOf(body) });
        await recordAudit(trx, {
          firmId: who.firm.id,
          actor: who.staff.email,
          action: "contact.link",
          target: `${contact.email} → ${dossier.siren}`,
        });
      });
      return reply.redirect(base, 303);
    }),
  );
}

export async function contactOf(ctx: PortalContext, request: FastifyRequest, { firm }: StaffRequest) {
  const contact = await findContact(ctx.db, firm.id, (request.params as { id: string }).id);
  if (!contact) throw new HttpError(404, "contact.notFound");
  return contact;
}
