import { csrfField } from "@sesame/kit/ui/forms";
import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { firmParams, staffOnly } from "../firms/firm-access";
import { firmNav } from "../firms/firm-nav";
import type { PortalContext } from "../service/portal-context";
import { formBody, optionalText } from "../ui/form-body";
import { sendPage, tr } from "../ui/page";
import { allowedTypes, setAllowedTypes, setFolderTemplate, templateOf } from "./folder-operations";

const settingsBody = formBody({ folders: optionalText, types: optionalText });
const lines = (text: string | undefined) =>
  [
    ...new Set(
      (text ?? "")
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean),
    ),
  ].slice(0, 50);

/** The firm admin's documents settings: the default folder tree and the accepted content types. */
export function registerDocumentSettingsRoutes(fastify: FastifyInstance, ctx: PortalContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get("/:firm/settings/documents", { schema: { params: firmParams } }, async (request, reply) =>
    staffOnly(
      ctx,
      request,
      reply,
      async ({ firm, staff }) => {
        const t = tr(request);
        const folders = await templateOf(ctx.db, firm.id);
        const types = await allowedTypes(ctx.db, firm.id);
        return sendPage(request, reply, {
          title: t("document.settings"),
          wide: true,
          nav: firmNav(t, firm, staff),
          body: html`<h1>${t("document.settings")}</h1>
<form method="post" action="/${firm.code}/settings/documents">${csrfField(reply)}
<label for="folders">${t("document.settings.folders")}</label>
<textarea id="folders" name="folders" rows="6">${folders.join("\n")}</textarea>
<label for="types">${t("document.settings.types")}</label>
<textarea id="types" name="types" rows="12">${types.join("\n")}</textarea>
<button>${t("dossier.save")}</button></form>`,
        });
      },
      ["admin"],
    ),
  );
  app.post(
    "/:firm/settings/documents",
    { schema: { params: firmParams, body: settingsBody } },
    async (request, reply) =>
      staffOnly(
        ctx,
        request,
        reply,
        async ({ firm, staff }) => {
          const folders = lines(request.body.folders).map((l) => l.slice(0, 100));
          const types = lines(request.body.types).filter((l) => /^[a-z]+\/[a-z0-9.+-]+$/i.test(l));
          if (folders.length > 0) await setFolderTemplate(ctx, firm.id, staff.email, folders);
          if (types.length > 0) await setAllowedTypes(ctx, firm.id, staff.email, types);
          return reply.redirect(`/${firm.code}/settings/documents`, 303);
        },
        ["admin"],
      ),
  );
}
