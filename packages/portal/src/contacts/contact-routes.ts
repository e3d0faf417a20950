import { isUniqueViolation } from "@sesame/kit/db/unique-violation";
import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { recordAudit } from "../audit/audit-log";
import { findDossierBySiren } from "../dossiers/dossier-queries";
import { type StaffRequest, staffOnly } from "../firms/firm-access";
import { firmNav } from "../firms/firm-nav";
import { contactState } from "../invitations/invitation-rules";
import { latestInvitations } from "../invitations/invitation-store";
import { sendInvitation } from "../invitations/send-invitation";
import { checkReadiness } from "../readiness/check-readiness";
import { readinessKey } from "../readiness/readiness-text";
import type { PortalContext } from "../service/portal-context";
import { sendPage, tr } from "../ui/page";
import { type ContactFormErrors, type ContactFormValues, contactForm } from "./contact-form";
import { parseContact } from "./contact-input";
import { registerContactPage } from "./contact-page";
import { insertContact, linkDossier, listContacts, saveReadiness } from "./contact-queries";

const rightsOf = (body: Record<string, unknown>) => ({
  read: body.can_read === "1",
  upload: body.can_upload === "1",
  approve: body.can_approve === "1",
});

export function registerContactRoutes(app: FastifyInstance, ctx: PortalContext): void {
  app.get(
    "/:firm/interlocuteurs",
    staffOnly(ctx, async (request, reply, { firm, staff }) => {
      const t = tr(request);
      const q = z
        .object({ q: z.string().max(100).default("") })
        .catch({ q: "" })
        .parse(request.query ?? {}).q;
      const contacts = await listContacts(ctx.db, firm.id, 200, q);
      const invitations = await latestInvitations(
        ctx.db,
        contacts.map((c) => c.id),
      );
      const states = contacts.map((c) => contactState(c, invitations.get(c.id)));
      return sendPage(request, reply, {
        title: t("contact.list.title"),
        wide: true,
        nav: firmNav(t, firm, staff),
        body: html`<h1>${t("contact.list.title")}</h1>
<p><a href="/${firm.code}/interlocuteurs/new">${t("contact.list.new")}</a></p>
<form method="get" action="/${firm.code}/interlocuteurs" role="search"><label for="q">${t("contact.list.search")}</label>
<input id="q" name="q" type="search" value="${q}"><button type="submit" class="primary">${t("contact.list.filter")}</button></form>
${
  contacts.length === 0
    ? html`<p>${t("contact.list.empty")}</p>`
    : html`<table><thead><tr><th scope="col">${t("contact.list.name")}</th><th scope="col">${t("contact.list.email")}</th><th scope="col">${t("contact.list.account")}</th><th scope="col">${t("contact.list.state")}</th></tr></thead>
<tbody>${contacts.map(
        (c, i) =>
          html`<tr><td><a href="/${firm.code}/interlocuteurs/${c.id}">${c.first_name} ${c.last_name}</a></td><td>${c.email}</td><td>${t(readinessKey(c.readiness_kind, c.readiness_consent), { domain: c.readiness_domain ?? "" })}</td><td><span class="state state-${states[i] ?? ""}">${t(`contact.state.${states[i] ?? "not_invited"}`)}</span></td></tr>`,
      )}</tbody></table>`
}`,
      });
    }),
  );

  app.get(
    "/:firm/interlocuteurs/new",
    staffOnly(ctx, async (request, reply, who) => {
      const siren = z
        .object({ dossier: z.string().max(20).default("") })
        .catch({ dossier: "" })
        .parse(request.query ?? {}).dossier;
      return newPage(ctx, request, reply, who, { dossier_siren: siren }, {});
    }),
  );

  app.post(
    "/:firm/interlocuteurs/new",
    staffOnly(ctx, async (request, reply, who) => {
      const body = (request.body ?? {}) as Record<string, string>;
      const values = body as ContactFormValues;
      const parsed = parseContact(body);
      const dossier = values.dossier_siren?.trim()
        ? await findDossierBySiren(ctx.db, who.firm.id, values.dossier_siren)
        : undefined;
      const errors: ContactFormErrors = parsed.ok ? {} : { ...parsed.errors };
      if (values.dossier_siren?.trim() && !dossier) errors.dossier = "contact.error.dossier";
      if (!parsed.ok || Object.keys(errors).length > 0)
        return newPage(ctx, request, reply, who, values, errors);
      // The discovery calls happen before the transaction: a slow authority never holds a write lock.
      const readiness = await checkReadiness(ctx, who.firm.id, parsed.input.email);
      try {
        const contact = await ctx.db.transaction().execute(async (trx) => {
          const row = await insertContact(trx, who.firm.id, parsed.input);
          await saveReadiness(trx, row.id, readiness);
          if (dossier) await linkDossier(trx, row.id, { dossierId: dossier.id, ...rightsOf(body) });
          await recordAudit(trx, {
            firmId: who.firm.id,
            actor: who.staff.email,
            action: "contact.create",
            target: row.email,
          });
          if (body.invite === "1") {
            await sendInvitation(ctx, trx, who.firm, row);
            await recordAudit(trx, {
              firmId: who.firm.id,
              actor: who.staff.email,
              action: "invitation.send",
              target: row.email,
            });
          }
          return row;
        });
        ctx.mailQueued();
        return reply.redirect(`/${who.firm.code}/interlocuteurs/${contact.id}`, 303);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        return newPage(ctx, request, reply, who, values, { email: "contact.error.duplicate" });
      }
    }),
  );

  app.get(
    "/:firm/readiness",
    staffOnly(ctx, async (request, reply, { firm }) => {
      const t = tr(request);
      const email = z.object({ email: z.string().trim().email().max(254) }).safeParse(request.query ?? {});
      if (!email.success)
        return reply.code(400).send({ error: "invalid_email", message: t("contact.error.email") });
      const readiness = await checkReadiness(ctx, firm.id, email.data.email);
      return reply.header("cache-control", "no-store").send({
        ...readiness,
        message: t(readinessKey(readiness.kind, readiness.consent), { domain: readiness.domain ?? "" }),
      });
    }),
  );

  registerContactPage(app, ctx, rightsOf);
}

async function newPage(
  ctx: PortalContext,
  request: FastifyRequest,
  reply: FastifyReply,
  { firm, staff }: StaffRequest,
  values: ContactFormValues,
  errors: ContactFormErrors,
) {
  const t = tr(request);
  const dossier = values.dossier_siren?.trim()
    ? await findDossierBySiren(ctx.db, firm.id, values.dossier_siren)
    : undefined;
  return sendPage(request, reply, {
    title: t("contact.new.title"),
    status: Object.keys(errors).length > 0 ? 400 : 200,
    nav: firmNav(t, firm, staff),
    body: html`<h1>${t("contact.new.title")}</h1>${contactForm(t, reply, { firmCode: firm.code, values, errors, dossier })}
<script src="/_assets/portal-readiness.js" defer nonce="${reply.cspNonce}"></script>`,
  });
}
