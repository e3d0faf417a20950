import { html } from "@sesame/kit/ui/html";
import type { FastifyReply, FastifyRequest } from "fastify";
import { findDossierBySiren } from "../dossiers/dossier-queries";
import type { StaffRequest } from "../firms/firm-access";
import { firmNav } from "../firms/firm-nav";
import { latestInvitations } from "../invitations/invitation-queries";
import { contactState } from "../invitations/invitation-rules";
import { readinessKey } from "../readiness/readiness-text";
import type { PortalContext } from "../service/portal-context";
import { sendPage, tr } from "../ui/page";
import { type ContactFormErrors, type ContactFormValues, contactForm } from "./contact-form";
import { listContacts } from "./contact-queries";

/** The firm's contacts, searched by address or last name, with their readiness and state. */
export async function listPage(
  ctx: PortalContext,
  request: FastifyRequest,
  reply: FastifyReply,
  { firm, staff }: StaffRequest,
  q: string,
) {
  const t = tr(request);
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
          html`<tr><td><a href="/${firm.code}/interlocuteurs/${c.id}">${c.first_name} ${c.last_name}</a></td><td>${c.email}</td><td>${t(readinessKey(c.readiness_kind, c.readiness_consent), { domain: c.readiness_domain ?? "", organization: c.readiness_organization ?? "" })}</td><td><span class="state state-${states[i] ?? ""}">${t(`contact.state.${states[i] ?? "not_invited"}`)}</span></td></tr>`,
      )}</tbody></table>`
}`,
  });
}

/** The new-contact form; a 400 when it shows errors. */
export async function newPage(
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
