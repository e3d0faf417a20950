import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { firmParams, staffOnly } from "../firms/firm-access";
import { firmNav } from "../firms/firm-nav";
import type { PortalContext } from "../service/portal-context";
import { sendPage, tr } from "../ui/page";
import { firmHomeSections } from "./firm-home-sections";

/** A staff member's home (/{firm}/accueil): what needs them in their dossiers. */
export function registerFirmHomeRoutes(app: FastifyInstance, ctx: PortalContext): void {
  app
    .withTypeProvider<ZodTypeProvider>()
    .get("/:firm/accueil", { schema: { params: firmParams } }, async (request, reply) =>
      staffOnly(ctx, request, reply, async ({ firm, staff }) => {
        const t = tr(request);
        const sections = await Promise.all(firmHomeSections.map((s) => s({ ctx, t, firm, staff })));
        return sendPage(request, reply, {
          title: t("firmhome.title"),
          wide: true,
          nav: firmNav(t, firm, staff),
          body: html`<h1>${t("firmhome.title")}</h1>${sections}`,
        });
      }),
    );
}
