import { csrfField } from "@sesame/kit/ui/forms";
import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { type DossierVisit, dossierDocsParams, visitDossier } from "../documents/document-access";
import { ensureFolders } from "../documents/folder-operations";
import { firmNav, formatDate } from "../firms/firm-nav";
import type { MessageKey } from "../i18n/messages";
import { findList, listsOfDossier } from "../requests/request-queries";
import type { PortalContext } from "../service/portal-context";
import { formBody, optionalText } from "../ui/form-body";
import { sendPage, tr } from "../ui/page";
import { registerDepotRoutes } from "./depot-routes";
import { createUploadLink } from "./upload-link-operations";
import { contactsWithoutAccount, linksOfDossier } from "./upload-link-queries";
import { linkState } from "./upload-link-rules";

const base = "/:firm/dossiers/:dossier/upload-links";

async function linksPage(
  ctx: PortalContext,
  request: FastifyRequest,
  reply: FastifyReply,
  visit: DossierVisit,
  notice?: { ok: boolean; key: MessageKey },
  status = 200,
) {
  const t = tr(request);
  const contacts = await contactsWithoutAccount(ctx.db, visit.firm.id, visit.dossier.id);
  const folders = await ensureFolders(ctx, visit.scope);
  const links = await linksOfDossier(ctx.db, visit.firm.id, visit.dossier.id);
  const lists = await listsOfDossier(ctx.db, visit.scope);
  const folderName = new Map(folders.map((f) => [f.id, f.name]));
  const here = `/${visit.firm.code}/dossiers/${visit.dossier.id}`;
  const now = Date.now();
  const body = html`<h1>${t("uploadLink.staff.title", { dossier: visit.dossier.name })}</h1>
<p>${t("uploadLink.staff.intro")}</p>
${notice ? html`<p role="${notice.ok ? "status" : "alert"}" class="${notice.ok ? "notice" : "error"}">${t(notice.key)}</p>` : ""}
${
  contacts.length === 0
    ? html`<p>${t("uploadLink.staff.noContact")}</p>`
    : html`<form method="post" action="${here}/upload-links">${csrfField(reply)}
<label for="l-contact">${t("uploadLink.staff.contact")}</label>
<select id="l-contact" name="contact">${contacts.map((c) => html`<option value="${c.id}">${c.first_name} ${c.last_name} · ${c.email}</option>`)}</select>
<label for="l-folder">${t("uploadLink.staff.folder")}</label>
<select id="l-folder" name="folder">${folders.map((f) => html`<option value="${f.id}">${f.name}</option>`)}</select>
<label for="l-list">${t("uploadLink.staff.list")}</label>
<select id="l-list" name="list"><option value="">${t("uploadLink.staff.noList")}</option>${lists.map((l) => html`<option value="${l.id}">${l.title}</option>`)}</select>
<button>${t("uploadLink.staff.send")}</button></form>`
}
<h2>${t("uploadLink.staff.sent")}</h2>
${
  links.length === 0
    ? html`<p>${t("uploadLink.staff.none")}</p>`
    : html`<ul>${links.map(
        (l) =>
          html`<li>${l.email} · ${folderName.get(l.folder_id) ?? "?"} · ${t(`uploadLink.state.${linkState(l, now)}`)} · ${t("uploadLink.staff.until", { date: formatDate(l.expires_at, request.locale) })}</li>`,
      )}</ul>`
}
<p><a href="${here}/documents">${t("document.link")}</a></p>`;
  return sendPage(request, reply, {
    title: t("uploadLink.staff.title", { dossier: visit.dossier.name }),
    ...(visit.staff ? { nav: firmNav(t, visit.firm, visit.staff) } : {}),
    status,
    body,
  });
}

/** Staff send a secure upload link (one dossier folder) to a contact without an account; the public side is the depot. */
export function registerUploadLinkRoutes(fastify: FastifyInstance, ctx: PortalContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(base, { schema: { params: dossierDocsParams } }, async (request, reply) =>
    visitDossier(ctx, request, reply, "manage", (visit) => linksPage(ctx, request, reply, visit)),
  );
  app.post(
    base,
    {
      schema: {
        params: dossierDocsParams,
        body: formBody({ contact: optionalText, folder: optionalText, list: optionalText }),
      },
    },
    async (request, reply) =>
      visitDossier(ctx, request, reply, "manage", async (visit) => {
        const contact = (await contactsWithoutAccount(ctx.db, visit.firm.id, visit.dossier.id)).find(
          (c) => c.id === request.body.contact,
        );
        const folder = (await ensureFolders(ctx, visit.scope)).find((f) => f.id === request.body.folder);
        // A list of this dossier, or none (the link then uploads into the folder only).
        const list = request.body.list ? await findList(ctx.db, visit.scope, request.body.list) : undefined;
        if (!contact || !folder || (request.body.list && !list))
          return linksPage(ctx, request, reply, visit, { ok: false, key: "uploadLink.staff.invalid" }, 400);
        await createUploadLink(
          ctx,
          { email: visit.actor.name },
          {
            firm: visit.firm,
            dossier: visit.dossier,
            folder,
            contact,
            ...(list ? { requestListId: list.id } : {}),
          },
        );
        return linksPage(ctx, request, reply, visit, { ok: true, key: "uploadLink.staff.done" });
      }),
  );
  registerDepotRoutes(fastify, ctx);
}
