import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { dossiersOfContact } from "../dossiers/dossier-queries";
import { firmParams } from "../firms/firm-access";
import type { PortalContext } from "../service/portal-context";
import { sendPage, tr } from "../ui/page";
import { contactOnly, spaceNav } from "./contact-access";

export function registerSpaceRoutes(app: FastifyInstance, ctx: PortalContext): void {
  app
    .withTypeProvider<ZodTypeProvider>()
    .get("/:firm/espace", { schema: { params: firmParams } }, async (request, reply) =>
      contactOnly(ctx, request, reply, async ({ firm, contact }) => {
        const t = tr(request);
        const dossiers = await dossiersOfContact(ctx.db, contact.id);
        const name = `${contact.first_name} ${contact.last_name}`;
        return sendPage(request, reply, {
          title: t("space.title"),
          wide: true,
          nav: spaceNav(t, firm),
          body: html`<h1>${t("space.welcome", { name })}</h1>
<h2>${t("space.dossiers")}</h2>
${
  dossiers.length === 0
    ? html`<p>${t("space.none")}</p>`
    : html`<ul>${dossiers.map(
        (d) =>
          html`<li><a href="/${firm.code}/dossiers/${d.id}/documents"><strong>${d.name}</strong></a> (SIREN ${d.siren}) · ${[
            d.can_read ? t("dossier.right.read") : "",
            d.can_upload ? t("dossier.right.upload") : "",
            d.can_approve ? t("dossier.right.approve") : "",
          ]
            .filter(Boolean)
            .join(", ")}</li>`,
      )}</ul>`
}
<h2>${t("space.profile")}</h2>
<p>${t(`contact.civility.${contact.civility}`)} ${name}</p>
<p>${t("space.account", { email: contact.email })}</p>
${contact.phone ? html`<p>${contact.phone}</p>` : ""}
<p>${t("space.firm", { firm: firm.name })}</p>`,
        });
      }),
    );
}
