import { DAY_MS } from "@sesame/kit/db/expiry-sweeper";
import {
  type ContactStateFields,
  contactState,
  type InvitationStateFields,
} from "../invitations/invitation-rules";
import type { ContactTable } from "../storage/contact-tables";
import type { InvitationTable } from "../storage/invitation-table";

/** The onboarding funnel, in the order a contact goes through it. */
export const FUNNEL = [
  "not_invited",
  "invited",
  "account_missing",
  "approval_pending",
  "approval_requested",
  "active",
  "expired",
  "revoked",
  "account_deleted",
] as const;

export type FunnelState = (typeof FUNNEL)[number];

/** What the firm can do next for a contact in this state (none once they are active). */
export type NextAction = "invite" | "remind" | "forward_approval" | undefined;

/**
 * Where a contact stands in the funnel: the contact list's state, with "approval requested" once
 * the contact has forwarded the approval link to their administrator.
 */
export function funnelState(
  contact: ContactStateFields,
  invitation: InvitationStateFields | undefined,
  approvalForwardedAt: number | undefined,
  now: number,
): FunnelState {
  const state = contactState(contact, invitation, now);
  if (state === "approval_pending" && approvalForwardedAt !== undefined) return "approval_requested";
  return state;
}

export function nextAction(state: FunnelState): NextAction {
  switch (state) {
    case "not_invited":
    case "expired":
    case "revoked":
    case "account_deleted":
      return "invite";
    case "invited":
    case "account_missing":
    case "approval_requested":
      return "remind";
    case "approval_pending":
      return "forward_approval";
    default:
      return undefined;
  }
}

/** When the contact's current step began: the moment the age shown beside the state counts from. */
export function stepStartedAt(
  state: FunnelState,
  contact: ContactTable,
  invitation: InvitationTable | undefined,
  approvalForwardedAt: number | undefined,
): number | undefined {
  switch (state) {
    case "not_invited":
      return contact.created_at;
    case "approval_requested":
      return approvalForwardedAt;
    case "expired":
      return invitation?.expires_at;
    case "revoked":
      return invitation?.revoked_at ?? undefined;
    case "active":
      return invitation?.completed_at ?? undefined;
    case "account_deleted":
      return contact.readiness_checked_at ?? undefined;
    default:
      return invitation?.created_at;
  }
}

/** Whole days since `since` (0 on the same day). */
export const daysSince = (since: number, now: number): number =>
  Math.max(0, Math.floor((now - since) / DAY_MS));
