import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance } from "fastify";
import type { PortalContext } from "../context";
import { sendPage, tr } from "../ui/page";

export function registerHomeRoutes(app: FastifyInstance, _ctx: PortalContext): void {
  app.get("/", async (request, reply) => {
    const t = tr(request);
    return sendPage(request, reply, {
      title: t("home.title"),
      body: html`<h1>${t("home.title")}</h1><p>${t("home.lead")}</p>`,
    });
  });
}
