import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { findContact } from "../contacts/contact-queries";
import { findDossier } from "../dossiers/dossier-queries";
import { PortalError } from "../errors/portal-error";
import { firmOf, sessionOf } from "../firms/firm-access";
import type { Firm } from "../firms/firm-queries";
import { findStaffById, type Staff } from "../firms/firm-queries";
import type { PortalContext } from "../service/portal-context";
import type { DocumentActor } from "./document-operations";
import { contactLink, type DossierScope } from "./document-queries";
import { contactRights, type DossierRights, staffRights } from "./document-rules";

export const dossierDocsParams = z.object({ firm: z.string(), dossier: z.string() });
export const documentParams = dossierDocsParams.extend({ doc: z.string() });

type DocsRequest = FastifyRequest & { readonly params: { readonly firm: string; readonly dossier: string } };

/** A person in one dossier's documents, with what they may do there. */
export interface DossierVisit {
  readonly firm: Firm;
  readonly dossier: { id: string; name: string };
  readonly scope: DossierScope;
  readonly rights: DossierRights;
  readonly actor: DocumentActor;
  /** Set for staff (the firm's pages), unset for a contact (the client space). */
  readonly staff?: Staff;
}

/**
 * Who is asking about this dossier and what they may do: staff of the firm (an accountant only for
 * the dossiers in their charge) or a contact linked to it. Anyone signed in without access gets the
 * same 404 as for an unknown id (never a 403 that would confirm the dossier exists); nobody signed
 * in is sent to sign in.
 */
export async function visitDossier(
  ctx: PortalContext,
  request: DocsRequest,
  reply: FastifyReply,
  need: keyof DossierRights,
  handler: (visit: DossierVisit) => Promise<unknown>,
): Promise<unknown> {
  const firm = await firmOf(ctx, request);
  const session = await sessionOf(ctx, request);
  if (!session || session.firm_id !== firm.id) {
    if (request.method !== "GET") throw new PortalError(403, "firm.signInFirst");
    return reply.redirect(`/${firm.code}/signin?return=${encodeURIComponent(request.url)}`);
  }
  const dossier = await findDossier(ctx.db, firm.id, request.params.dossier);
  if (!dossier) throw new PortalError(404, "document.notFound");
  const scope = { firmId: firm.id, dossierId: dossier.id };
  const ip = request.ip;
  if (session.kind === "staff") {
    const staff = await findStaffById(ctx.db, firm.id, session.subject_id);
    if (!staff || (staff.role === "accountant" && dossier.accountant_id !== staff.id))
      throw new PortalError(404, "document.notFound");
    return handler({ firm, dossier, scope, rights: staffRights, actor: { name: staff.email, ip }, staff });
  }
  const contact = await findContact(ctx.db, firm.id, session.subject_id);
  const link = contact ? await contactLink(ctx.db, contact.id, dossier.id) : undefined;
  const rights = link ? contactRights(link) : undefined;
  if (!contact || !rights?.read) throw new PortalError(404, "document.notFound");
  if (!rights[need]) throw new PortalError(403, "document.forbidden");
  return handler({ firm, dossier, scope, rights, actor: { name: contact.email, ip } });
}
