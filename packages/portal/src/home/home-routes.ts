import { html } from "@sesame/kit/ui/html";
import type { FastifyInstance } from "fastify";
import type { MessageKey } from "../i18n/messages";
import type { PortalContext } from "../service/portal-context";
import { sendPage, tr } from "../ui/page";
import { FAVICON_PNG } from "./favicon";

/** The front page and the two pages every page's footer links to. */
export function registerHomeRoutes(app: FastifyInstance, ctx: PortalContext): void {
  const textPage = (path: string, title: MessageKey, body: MessageKey) =>
    app.get(path, async (request, reply) => {
      const t = tr(request);
      return sendPage(request, reply, { title: t(title), body: html`<h1>${t(title)}</h1><p>${t(body)}</p>` });
    });
  // The front page leads somewhere: each firm's sign-in (firms are few; their codes are in their links).
  app.get("/", async (request, reply) => {
    const t = tr(request);
    const firms = await ctx.db
      .selectFrom("firm")
      .select(["code", "name"])
      .orderBy("name")
      .limit(50)
      .execute();
    return sendPage(request, reply, {
      title: t("home.title"),
      body: html`<h1>${t("home.title")}</h1><p>${t("home.lead")}</p>
${firms.length ? html`<h2>${t("home.firms")}</h2><ul>${firms.map((f) => html`<li><a href="/${f.code}/signin">${f.name}</a></li>`)}</ul>` : ""}`,
    });
  });
  app.get("/favicon.ico", async (_request, reply) =>
    reply.type("image/png").header("cache-control", "public, max-age=86400").send(FAVICON_PNG),
  );
  textPage("/terms", "home.terms", "home.termsBody");
  textPage("/privacy", "home.privacy", "home.privacyBody");
}
