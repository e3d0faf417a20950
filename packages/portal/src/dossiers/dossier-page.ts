import { html } from "@sesame/kit/ui/html";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { StaffRequest } from "../firms/firm-access";
import { firmNav } from "../firms/firm-nav";
import { listStaff } from "../firms/firm-queries";
import type { PortalContext } from "../service/portal-context";
import { sendPage, tr } from "../ui/page";
import { type DossierFormValues, dossierForm } from "./dossier-form";
import type { DossierErrorKey, DossierField } from "./dossier-input";
import { contactsOfDossier } from "./dossier-queries";

/** The dossier form page (create or edit) with its contacts; a 400 when it shows errors. */
export async function formPage(
  ctx: PortalContext,
  request: FastifyRequest,
  reply: FastifyReply,
  { firm, staff }: StaffRequest,
  dossierId: string | undefined,
  values: DossierFormValues,
  errors: Partial<Record<DossierField, DossierErrorKey | "dossier.error.duplicate">>,
) {
  const t = tr(request);
  const accountants = (await listStaff(ctx.db, firm.id)).filter((s) => s.role !== "assistant");
  const contacts = dossierId ? await contactsOfDossier(ctx.db, dossierId) : [];
  const title = dossierId ? (values.name ?? t("dossier.list.title")) : t("dossier.new.title");
  const form = dossierForm(t, reply, {
    action: dossierId ? `/${firm.code}/dossiers/${dossierId}` : `/${firm.code}/dossiers/new`,
    submit: dossierId ? t("dossier.save") : t("dossier.create"),
    values,
    errors,
    accountants,
  });
  const rights = (c: { can_read: number; can_upload: number; can_approve: number }) =>
    [
      c.can_read ? t("dossier.right.read") : "",
      c.can_upload ? t("dossier.right.upload") : "",
      c.can_approve ? t("dossier.right.approve") : "",
    ]
      .filter(Boolean)
      .join(", ");
  return sendPage(request, reply, {
    title,
    wide: true,
    status: Object.keys(errors).length > 0 ? 400 : 200,
    nav: firmNav(t, firm, staff),
    body: html`<h1>${title}</h1>${form}
${
  dossierId
    ? html`<p><a href="/${firm.code}/dossiers/${dossierId}/documents">${t("document.link")}</a></p>
<p><a href="/${firm.code}/dossiers/${dossierId}/demandes">${t("clienthome.requestsLink")}</a></p>
<h2>${t("dossier.contacts")}</h2>
${
  contacts.length === 0
    ? html`<p>${t("dossier.contacts.none")}</p>`
    : html`<ul>${contacts.map((c) => html`<li><a href="/${firm.code}/interlocuteurs/${c.id}">${c.first_name} ${c.last_name}</a> (${c.email}) · ${t("dossier.rights")}${t("portal.colon")} ${rights(c)}</li>`)}</ul>`
}
<p><a href="/${firm.code}/interlocuteurs/new?dossier=${dossierId}">${t("dossier.contacts.add")}</a></p>`
    : ""
}`,
  });
}
