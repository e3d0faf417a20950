import type { Kysely } from "kysely";
import type { PortalDB } from "../storage/schema";
import { contactDetails, contactsInScope, type DashboardScope } from "./dashboard-queries";
import { type FunnelState, funnelState } from "./dashboard-rules";

/**
 * Contacts shown per page. The funnel counts every contact in scope from a light row each; only the
 * page's contacts are loaded whole, with their dossiers and reminders, so a firm of 10,000 contacts
 * renders as fast as one of 100.
 */
export const PAGE_SIZE = 100;

/**
 * The dashboard's data for a firm: the funnel's counts over every contact in scope, and one page of
 * the contacts in the chosen state, each whole (invitation, dossiers, reminders) with its state and
 * when it forwarded the approval link.
 */
export async function onboardingPage(
  db: Kysely<PortalDB>,
  firmId: string,
  scope: DashboardScope,
  now: number,
) {
  const { contacts, invitations, forwards } = await contactsInScope(db, firmId, scope);
  // Oldest first: the last one seen for a contact is their latest.
  const latest = new Map(invitations.map((i) => [i.contact_id, i]));
  // The contact forwarded it (the contact is the actor), or the firm did for them (the target).
  const forwardedAt = new Map<string, number>();
  for (const f of forwards) {
    const email = f.action === "approval.forward" ? f.actor : f.target;
    forwardedAt.set(email, Math.max(forwardedAt.get(email) ?? 0, f.at));
  }
  const placed = contacts.map((contact) => {
    const approvalForwardedAt = forwardedAt.get(contact.email);
    const state = funnelState(contact, latest.get(contact.id), approvalForwardedAt, now);
    return { id: contact.id, approvalForwardedAt, state };
  });
  const counts = new Map<FunnelState, number>();
  for (const p of placed) counts.set(p.state, (counts.get(p.state) ?? 0) + 1);
  const matching = placed.filter((p) => !scope.state || p.state === scope.state);
  const pages = Math.max(1, Math.ceil(matching.length / PAGE_SIZE));
  const page = Math.min(Math.max(1, scope.page ?? 1), pages);
  const shown = matching.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const details = await contactDetails(
    db,
    firmId,
    shown.map((p) => p.id),
  );
  const rows = shown.flatMap(({ id, state, approvalForwardedAt }) => {
    const detail = details.get(id);
    // Deleted between the two reads: left out.
    return detail ? [{ ...detail, state, approvalForwardedAt }] : [];
  });
  return { total: placed.length, counts, matching: matching.length, page, pages, rows };
}

export type OnboardingRow = Awaited<ReturnType<typeof onboardingPage>>["rows"][number];
