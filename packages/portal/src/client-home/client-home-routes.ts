import { html, type SafeHtml } from "@sesame/kit/ui/html";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { type ContactRequest, contactOnly, spaceNav } from "../contacts/contact-access";
import { dossiersOfContact } from "../dossiers/dossier-queries";
import { firmParams } from "../firms/firm-access";
import type { T } from "../i18n/messages";
import type { PortalContext } from "../service/portal-context";
import { queryText } from "../ui/form-body";
import { sendPage, tr } from "../ui/page";
import { otherFirmsOf } from "./client-home-queries";
import { clientHomeSections, type HomeDossier } from "./client-home-sections";

/** The client's home (/{firm}/espace): what the firm expects first, then the dossiers. */
export function registerClientHomeRoutes(app: FastifyInstance, ctx: PortalContext): void {
  app
    .withTypeProvider<ZodTypeProvider>()
    .get(
      "/:firm/espace",
      { schema: { params: firmParams, querystring: z.object({ dossier: queryText }) } },
      async (request, reply) =>
        contactOnly(ctx, request, reply, async (who) => {
          const t = tr(request);
          const all = await dossiersOfContact(ctx.db, who.contact.id);
          // An id that is not one of theirs shows all their dossiers (nothing to tell apart).
          const chosen = all.find((d) => d.id === request.query.dossier);
          const view = {
            ctx,
            t,
            locale: request.locale,
            firm: who.firm,
            contact: who.contact,
            dossiers: chosen ? [chosen] : all,
          };
          const sections = await Promise.all(clientHomeSections.map((section) => section(view)));
          const name = `${who.contact.first_name} ${who.contact.last_name}`;
          return sendPage(request, reply, {
            title: t("space.title"),
            wide: true,
            nav: spaceNav(t, who.firm),
            body: html`<h1>${t("space.welcome", { name })}</h1>
${chosen ? html`<p class="notice">${t("clienthome.about", { dossier: chosen.name })}</p>` : ""}
${switcher(t, who, all, chosen)}
${await firmSwitcher(ctx, t, who)}
${sections}`,
          });
        }),
    );
}

function switcher(
  t: T,
  who: ContactRequest,
  all: readonly HomeDossier[],
  chosen: HomeDossier | undefined,
): SafeHtml | "" {
  if (all.length < 2) return "";
  return html`<form method="get" action="/${who.firm.code}/espace" class="inline">
<label for="dossier-switch">${t("clienthome.switcher")}</label>
<select id="dossier-switch" name="dossier"><option value="">${t("clienthome.allDossiers")}</option>${all.map(
    (d) => html`<option value="${d.id}"${d.id === chosen?.id ? html` selected` : ""}>${d.name}</option>`,
  )}</select> <button>${t("clienthome.show")}</button></form>`;
}

/** The other firms that invited the same person (same Microsoft account), each with its space. */
async function firmSwitcher(ctx: PortalContext, t: T, who: ContactRequest): Promise<SafeHtml | ""> {
  const others = await otherFirmsOf(ctx.db, who.contact);
  if (others.length === 0) return "";
  return html`<nav aria-label="${t("clienthome.firms")}"><p>${t("clienthome.firms")} : ${others.map(
    (f, n) => html`${n > 0 ? " · " : ""}<a href="/${f.code}/espace">${f.name}</a>`,
  )}</p></nav>`;
}
