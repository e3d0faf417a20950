import type { ContactTable as Contact } from "../storage/contact-tables";
import type { Invitation } from "./invitation-queries";

export type ContactState =
  | "not_invited"
  | "invited"
  | "account_missing"
  | "approval_pending"
  | "approval_requested"
  | "active"
  | "expired"
  | "revoked"
  | "account_deleted";

/** Where a person stands, as the firm sees it. */
/** What a contact's state is read from (the dashboard loads only these for its counts). */
export type ContactStateFields = Pick<
  Contact,
  "tid" | "readiness_kind" | "readiness_consent" | "approval_requested_at"
>;
export type InvitationStateFields = Pick<Invitation, "revoked_at" | "completed_at" | "expires_at">;

export function contactState(
  contact: ContactStateFields,
  invitation: InvitationStateFields | undefined,
  now = Date.now(),
): ContactState {
  if (contact.readiness_kind === "deleted") return "account_deleted";
  if (contact.tid) return "active";
  if (!invitation) return "not_invited";
  if (invitation.revoked_at !== null) return "revoked";
  if (invitation.completed_at === null && invitation.expires_at <= now) return "expired";
  if (contact.readiness_kind === "none") return "account_missing";
  if (contact.readiness_kind === "work" && contact.readiness_consent !== "approved")
    return contact.approval_requested_at ? "approval_requested" : "approval_pending";
  return "invited";
}

export type InvitationProblem = "unknown" | "revoked" | "expired" | "used";

/** Whether a link may still open the guide. */
export function invitationProblem(
  invitation: Invitation | undefined,
  now = Date.now(),
): InvitationProblem | undefined {
  if (!invitation) return "unknown";
  if (invitation.revoked_at !== null) return "revoked";
  if (invitation.completed_at !== null) return "used";
  if (invitation.expires_at <= now) return "expired";
  return undefined;
}

export type GuideStep = "create_account" | "ask_approval" | "sign_in" | "check_later";

/** The one next step the guide shows, from the person's readiness. */
export function nextGuideStep(contact: Contact): GuideStep {
  switch (contact.readiness_kind) {
    case "none":
    case "deleted":
      return "create_account";
    case "work":
      return contact.readiness_consent === "approved" ? "sign_in" : "ask_approval";
    case "personal":
      return "sign_in";
    default:
      return "check_later";
  }
}
