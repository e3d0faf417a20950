import { randomUUID } from "node:crypto";
import { type AuditedChange, audited } from "@sesame/kit/operations/audited";
import type { DossierVisit } from "../documents/document-access";
import { trail } from "../documents/document-operations";
import { contactLink, findDocument, versionsOf } from "../documents/document-queries";
import { contactRights } from "../documents/document-rules";
import type { PortalContext } from "../service/portal-context";
import { queueApprovalMail } from "./approval-mail";
import { type Approval, insertApproval, recordDecision, usableReauth, useReauth } from "./approval-queries";
import { type Decision, REAUTH_WINDOW_MS } from "./approval-rules";
import { verifiedVersion } from "./approval-version";

export type AskOutcome =
  | { ok: true; id: string }
  | { ok: false; problem: "approval.error.document" | "approval.error.contact" };

/**
 * Staff ask one contact with the "approve" right to approve the document's latest version; its
 * SHA-256 is fixed now, so the decision is about exactly these bytes. Trail, audit and the mail
 * to the contact commit together.
 */
export async function requestApproval(
  ctx: PortalContext,
  visit: DossierVisit,
  input: { documentId: string; contactId: string; note: string },
): Promise<AskOutcome> {
  const doc = await findDocument(ctx.db, visit.scope, input.documentId);
  const version = doc && doc.deleted_at === null ? (await versionsOf(ctx.db, doc.id))[0] : undefined;
  if (!doc || !version) return { ok: false, problem: "approval.error.document" };
  const link = await contactLink(ctx.db, input.contactId, visit.dossier.id);
  if (!link || !contactRights(link).approve) return { ok: false, problem: "approval.error.contact" };
  const id = randomUUID();
  return audited(ctx, { name: visit.actor.name }, async (trx) => {
    const contact = await trx
      .selectFrom("contact")
      .selectAll()
      .where("id", "=", input.contactId)
      .executeTakeFirstOrThrow();
    await insertApproval(trx, {
      id,
      firm_id: visit.firm.id,
      dossier_id: visit.dossier.id,
      document_id: doc.id,
      document_name: doc.name,
      version_number: version.number,
      sha256: version.sha256,
      contact_id: contact.id,
      requested_by: visit.actor.name,
      requested_at: Date.now(),
      note: input.note,
      status: "pending",
      decided_at: null,
      comment: null,
      signer_tid: null,
      signer_oid: null,
      signer_name: null,
      signer_ip: null,
      signer_user_agent: null,
      auth_time: null,
    });
    await trail(trx, visit.scope, visit.actor, doc, "approval_requested", version.number);
    await queueApprovalMail(trx, {
      from: ctx.config.SESAME_MAIL_FROM,
      link: `${ctx.origin}/${visit.firm.code}/dossiers/${visit.dossier.id}/approvals/${id}`,
      firm: visit.firm,
      contact,
      document: doc.name,
      dossier: visit.dossier.name,
    });
    return {
      result: { ok: true as const, id },
      audit: {
        scope: visit.firm.id,
        action: "approval.request",
        target: `${doc.name} (v${version.number})`,
        detail: { contact: contact.email },
      },
    };
  });
}

export type DecideOutcome =
  | { ok: true }
  | {
      ok: false;
      problem: "approval.error.decided" | "approval.reauth.expired" | "approval.error.changed";
    };

/**
 * The contact's decision, only with a fresh sign-in proved at identity for this approval in the
 * last 10 minutes (used once): records who the ID token said (tid, oid, name), when, from where,
 * and checks the stored bytes still have the SHA-256 that was asked about.
 */
export async function decideApproval(
  ctx: PortalContext,
  visit: DossierVisit,
  approval: Approval,
  input: { decision: Decision; comment: string; ip: string; userAgent: string },
): Promise<DecideOutcome> {
  if (approval.status !== "pending") return { ok: false, problem: "approval.error.decided" };
  const now = Date.now();
  const proof = await usableReauth(ctx.db, approval.id, approval.contact_id, now - REAUTH_WINDOW_MS);
  if (!proof || proof.tid === null || proof.oid === null || proof.auth_time === null)
    return { ok: false, problem: "approval.reauth.expired" };
  if (!(await verifiedVersion(ctx, approval))) return { ok: false, problem: "approval.error.changed" };
  return audited(ctx, { name: visit.actor.name }, async (trx): Promise<AuditedChange<DecideOutcome>> => {
    if (!(await useReauth(trx, proof.state, now)))
      return { result: { ok: false as const, problem: "approval.reauth.expired" as const }, audit: [] };
    const recorded = await recordDecision(trx, approval.id, {
      status: input.decision,
      decided_at: now,
      comment: input.comment || null,
      signer_tid: proof.tid,
      signer_oid: proof.oid,
      signer_name: proof.name,
      signer_ip: input.ip,
      signer_user_agent: input.userAgent.slice(0, 500),
      auth_time: proof.auth_time,
    });
    if (!recorded)
      return { result: { ok: false as const, problem: "approval.error.decided" as const }, audit: [] };
    await trail(
      trx,
      visit.scope,
      visit.actor,
      { id: approval.document_id, name: approval.document_name },
      input.decision,
      approval.version_number,
    );
    return {
      result: { ok: true as const },
      audit: {
        scope: visit.firm.id,
        action: `approval.${input.decision}`,
        target: `${approval.document_name} (v${approval.version_number})`,
        detail: { sha256: approval.sha256, tid: proof.tid, oid: proof.oid },
      },
    };
  });
}
