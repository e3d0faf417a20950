import { html, type SafeHtml } from "@sesame/kit/ui/html";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { dossiersOfContact } from "../dossiers/dossier-queries";
import { PortalError } from "../errors/portal-error";
import { type FirmRequest, firmOf, firmParams, sessionOf } from "../firms/firm-access";
import type { Firm } from "../firms/firm-queries";
import type { T } from "../i18n/messages";
import type { PortalContext } from "../service/portal-context";
import { sendPage, tr } from "../ui/page";
import { type Contact, findContact } from "./contact-queries";

export interface ContactRequest {
  readonly firm: Firm;
  readonly contact: Contact;
}

/** Runs a page for a signed-in contact of this firm; others go to the sign-in page. */
export async function contactOnly(
  ctx: PortalContext,
  request: FirmRequest,
  reply: FastifyReply,
  handler: (who: ContactRequest) => Promise<unknown>,
): Promise<unknown> {
  const firm = await firmOf(ctx, request);
  const session = await sessionOf(ctx, request);
  const contact =
    session?.kind === "contact" && session.firm_id === firm.id
      ? await findContact(ctx.db, firm.id, session.subject_id)
      : undefined;
  if (!contact) {
    if (request.method !== "GET") throw new PortalError(403, "firm.signInFirst");
    return reply.redirect(`/${firm.code}/signin`);
  }
  return handler({ firm, contact });
}

export function spaceNav(t: T, firm: Firm): SafeHtml {
  return html`<nav aria-label="${t("space.title")}" class="firm-nav"><a href="/${firm.code}/espace">${t("space.title")}</a>
<a href="/${firm.code}/espace/licences">${t("space.licences")}</a> <a href="/auth/signout">${t("space.signOut")}</a></nav>`;
}

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
          html`<li><strong>${d.name}</strong> (SIREN ${d.siren}) · ${[
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
