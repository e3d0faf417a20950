import type { FastifyReply, FastifyRequest } from "fastify";
import { findContact } from "../contacts/contact-queries";
import { type DossierVisit, visitDossier } from "../documents/document-access";
import type { DossierRights } from "../documents/document-rules";
import { PortalError } from "../errors/portal-error";
import { sessionOf } from "../firms/firm-access";
import { speakContactLanguage } from "../i18n/contact-language";
import type { PortalContext } from "../service/portal-context";
import type { Person } from "./message-queries";

/** A visit to a dossier, with who the visitor is as a person of its thread. */
export interface ThreadVisit extends DossierVisit {
  readonly person: Person;
  /** As the thread shows them. */
  readonly personName: string;
  readonly email: string;
}

type DossierRequest = FastifyRequest & {
  readonly params: { readonly firm: string; readonly dossier: string };
};

/**
 * The documents' access rule (staff of the firm, an accountant only for their dossiers, contacts
 * linked to the dossier; anyone else a 404), then who the visitor is. A contact's pages speak
 * their language.
 */
export function visitThread(
  ctx: PortalContext,
  request: DossierRequest,
  reply: FastifyReply,
  need: keyof DossierRights,
  handler: (visit: ThreadVisit) => Promise<unknown>,
): Promise<unknown> {
  return visitDossier(ctx, request, reply, need, async (visit) => {
    if (visit.staff)
      return handler({
        ...visit,
        person: { kind: "staff", id: visit.staff.id },
        personName: visit.staff.display_name,
        email: visit.staff.email,
      });
    const session = await sessionOf(ctx, request);
    const contact = session ? await findContact(ctx.db, visit.firm.id, session.subject_id) : undefined;
    if (!contact) throw new PortalError(404, "document.notFound");
    speakContactLanguage(request, contact.language);
    return handler({
      ...visit,
      person: { kind: "contact", id: contact.id },
      personName: `${contact.first_name} ${contact.last_name}`,
      email: contact.email,
    });
  });
}
