import type { Kysely } from "kysely";
import type { PortalDB } from "../storage/schema";
import { contactDetails, type DashboardScope } from "./dashboard-queries";
import { funnelState } from "./dashboard-rules";
import { contactIdsOfPage, funnelCounts } from "./funnel-queries";

/**
 * Contacts shown per page. The funnel is counted by the database; only the page's contacts are
 * loaded, whole, with their dossiers and reminders, so a firm of 10,000 contacts renders as fast as
 * one of 100.
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
  const pageOf = (page: number) =>
    contactIdsOfPage(db, firmId, scope, now, { offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE });
  const asked = Math.max(1, scope.page ?? 1);
  // The page asked for is read with the counts; only a page past the end is read again, as the last.
  const [counts, askedIds] = await Promise.all([funnelCounts(db, firmId, scope, now), pageOf(asked)]);
  let total = 0;
  for (const n of counts.values()) total += n;
  const matching = scope.state ? (counts.get(scope.state) ?? 0) : total;
  const pages = Math.max(1, Math.ceil(matching / PAGE_SIZE));
  const page = Math.min(asked, pages);
  const ids = page === asked ? askedIds : await pageOf(page);
  const details = await contactDetails(db, firmId, ids);
  const rows = ids.flatMap((id) => {
    const detail = details.get(id);
    // Deleted between the two reads: left out.
    if (!detail) return [];
    const state = funnelState(detail.contact, detail.invitation, detail.approvalForwardedAt, now);
    return [{ ...detail, state }];
  });
  return { total, counts, matching, page, pages, rows };
}

export type OnboardingRow = Awaited<ReturnType<typeof onboardingPage>>["rows"][number];
