import { html, type SafeHtml } from "@sesame/kit/ui/html";
import type { FastifyReply } from "fastify";
import { PortalError } from "../errors/portal-error";
import { type FirmRequest, firmOf, sessionOf } from "../firms/firm-access";
import type { Firm } from "../firms/firm-queries";
import { speakContactLanguage } from "../i18n/contact-language";
import type { T } from "../i18n/messages";
import type { PortalContext } from "../service/portal-context";
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
  speakContactLanguage(request, contact.language);
  return handler({ firm, contact });
}

export function spaceNav(t: T, firm: Firm): SafeHtml {
  return html`<nav aria-label="${t("space.title")}" class="firm-nav"><a href="/${firm.code}/espace">${t("space.title")}</a>
<a href="/${firm.code}/espace/licences">${t("space.licences")}</a> <a href="/auth/signout">${t("space.signOut")}</a></nav>`;
}
