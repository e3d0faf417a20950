import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance } from "fastify";
import type { MessageKey } from "../i18n/messages";
import type { PortalContext } from "../service/portal-context";
import { sendPage, tr } from "../ui/page";

/** The front page and the two pages every page's footer links to. */
export function registerHomeRoutes(app: FastifyInstance, _ctx: PortalContext): void {
  const textPage = (path: string, title: MessageKey, body: MessageKey) =>
    app.get(path, async (request, reply) => {
      const t = tr(request);
      return sendPage(request, reply, { title: t(title), body: html`<h1>${t(title)}</h1><p>${t(body)}</p>` });
    });
  textPage("/", "home.title", "home.lead");
  textPage("/terms", "home.terms", "home.termsBody");
  textPage("/privacy", "home.privacy", "home.privacyBody");
}
