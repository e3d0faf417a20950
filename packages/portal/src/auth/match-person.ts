import { audited } from "@sesame/kit/operations/audited";
import type { Kysely } from "kysely";
import { type PortalActor, writeAudit } from "../audit/audit-log";
import { bindContact, findContact, findContactBySubject, normalizeEmail } from "../contacts/contact-queries";
import { bindStaff, findStaffBySubject, findUnboundStaffByEmail } from "../firms/firm-queries";
import { matchGuest } from "../guests/guest-sign-in";
import { completeInvitation, findInvitationByToken } from "../invitations/invitation-queries";
import { invitationProblem } from "../invitations/invitation-rules";
import { recordNotification } from "../notifications/notification-events";
import type { PortalDB } from "../storage/schema";

/** What the validated ID token says about the person. */
export interface SignedInClaims {
  readonly tid: string;
  readonly oid: string;
  /** `email` when given, else `preferred_username`: the address the authority vouches for. */
  readonly email: string | undefined;
  readonly name: string;
}

export type Match =
  | { readonly ok: true; readonly subjectId: string }
  | { readonly ok: false; readonly reason: MatchFailure };
export type MatchFailure =
  | "not_staff"
  | "not_invited"
  | "invitation_invalid"
  | "email_mismatch"
  | "tenant_mismatch"
  | "already_bound";

/**
 * Staff: (tid, oid) when known; otherwise, once, a staff row seeded with this verified address in
 * the firm's own tenant. The email is never used again after that first sign-in.
 */
export async function matchStaff(
  db: Kysely<PortalDB>,
  firmId: string,
  claims: SignedInClaims,
  expectedTenantId: (expected: string) => Promise<string | undefined>,
): Promise<Match> {
  const known = await findStaffBySubject(db, firmId, claims.tid, claims.oid);
  if (known) return { ok: true, subjectId: known.id };
  if (!claims.email) return { ok: false, reason: "not_staff" };
  const seeded = await findUnboundStaffByEmail(db, firmId, claims.email);
  if (!seeded) return { ok: false, reason: "not_staff" };
  if ((await expectedTenantId(seeded.expected_tenant)) !== claims.tid)
    return { ok: false, reason: "tenant_mismatch" };
  const email = claims.email;
  // The first sign-in binds the seeded row for good: the firm's log shows when and by whom.
  return audited<PortalDB, PortalActor, Match>({ db, writeAudit }, { name: email }, async (trx) => {
    const bound = await bindStaff(trx, seeded.id, claims.tid, claims.oid);
    return bound
      ? {
          result: { ok: true, subjectId: seeded.id },
          audit: { scope: firmId, action: "staff.bound", target: email },
        }
      : { result: { ok: false, reason: "already_bound" }, audit: [] };
  });
}

/**
 * Contacts: (tid, oid) when known; otherwise only with a live invitation whose address matches the
 * verified one (and, for a work account, whose tenant is the one readiness found). The invitation
 * is used up and the contact becomes (tid, oid) in the same transaction.
 */
export async function matchContact(
  db: Kysely<PortalDB>,
  firmId: string,
  claims: SignedInClaims,
  invitationToken: string | null,
): Promise<Match> {
  const known = await findContactBySubject(db, firmId, claims.tid, claims.oid);
  if (known) return { ok: true, subjectId: known.id };
  const guest = await matchGuest(db, firmId, claims);
  if (guest) return { ok: true, subjectId: guest };
  if (!invitationToken) return { ok: false, reason: "not_invited" };
  try {
    return await audited({ db, writeAudit }, { name: claims.email ?? claims.name }, async (trx) => {
      const match = await bindInvited(trx, firmId, claims, invitationToken);
      if (match.ok)
        await recordNotification(trx, { firmId, contactId: match.subjectId, kind: "invitation_accepted" });
      const audit = match.ok
        ? { scope: firmId, action: "contact.bound", target: claims.email ?? claims.oid }
        : [];
      return { result: match, audit };
    });
  } catch (error) {
    if (error instanceof AlreadyBound) return { ok: false, reason: "already_bound" };
    throw error;
  }
}

class AlreadyBound extends Error {}

async function bindInvited(
  trx: Kysely<PortalDB>,
  firmId: string,
  claims: SignedInClaims,
  invitationToken: string,
): Promise<Match> {
  const invitation = await findInvitationByToken(trx, invitationToken);
  if (!invitation || invitation.firm_id !== firmId || invitationProblem(invitation)) {
    return { ok: false, reason: "invitation_invalid" };
  }
  const contact = await findContact(trx, firmId, invitation.contact_id);
  if (!contact) return { ok: false, reason: "invitation_invalid" };
  if (!claims.email || normalizeEmail(claims.email) !== contact.email_normalized)
    return { ok: false, reason: "email_mismatch" };
  if (
    contact.readiness_kind === "work" &&
    contact.readiness_tenant_id &&
    contact.readiness_tenant_id !== claims.tid
  ) {
    return { ok: false, reason: "tenant_mismatch" };
  }
  // Single use first: a second sign-in racing on the same link finds it used and writes nothing.
  if (!(await completeInvitation(trx, invitation.id))) return { ok: false, reason: "invitation_invalid" };
  if (!(await bindContact(trx, contact.id, claims.tid, claims.oid))) throw new AlreadyBound();
  return { ok: true, subjectId: contact.id };
}
