import { type Expression, type Kysely, type RawBuilder, sql } from "kysely";
import type { PortalDB } from "../storage/schema";
import { type DashboardScope, scopedContacts } from "./dashboard-queries";
import type { FunnelState } from "./dashboard-rules";

/**
 * `funnelState` (dashboard-rules.ts, with `contactState`) in SQL, so that the funnel of a firm of
 * 10,000 contacts is counted by the database instead of by reading every contact (issue 17). The
 * latest invitation is read from the contact's own copy of it (`invitation_*`, written with every
 * invitation write, latest-invitation-copy.ts), so the count is one pass over the firm's contacts:
 * aggregating every invitation to find each contact's latest cost 3 to 5 times as much. The
 * TypeScript rule stays the definition, reading the invitations themselves: it places each contact a
 * page shows, and funnel-counts.test.ts fails when this mirror and the rule disagree on any contact.
 * Truthiness in the rule (`contact.tid`, `approval_requested_at`) is spelled out: an empty string or
 * 0 is false.
 */
function funnelStateSql(
  forwardedEmails: Expression<{ email: string }>,
  now: number,
): RawBuilder<FunnelState> {
  return sql<FunnelState>`case
  when contact.readiness_kind = 'deleted' then 'account_deleted'
  when contact.tid is not null and contact.tid <> '' then 'active'
  when contact.invitation_id is null then 'not_invited'
  when contact.invitation_revoked_at is not null then 'revoked'
  when contact.invitation_completed_at is null and contact.invitation_expires_at <= ${now} then 'expired'
  when contact.readiness_kind = 'none' then 'account_missing'
  when contact.readiness_kind = 'work' and coalesce(contact.readiness_consent, '') <> 'approved' then
    case
      when (contact.approval_requested_at is not null and contact.approval_requested_at <> 0)
        or contact.email in ${forwardedEmails} then 'approval_requested'
      else 'approval_pending'
    end
  else 'invited'
end`;
}

/**
 * The contacts in scope with what their state is read from: each one's copy of its latest invitation
 * and whether the approval link was forwarded for their address, by the contact (the actor) or by the
 * firm (the target).
 */
function placedContacts(db: Kysely<PortalDB>, firmId: string, scope: DashboardScope, now: number) {
  const forwarded = db
    .selectFrom("audit_entry")
    .select("actor as email")
    .where("firm_id", "=", firmId)
    .where("action", "=", "approval.forward")
    .union(
      db
        .selectFrom("audit_entry")
        .select("target as email")
        .where("firm_id", "=", firmId)
        .where("action", "=", "approval.forward_for"),
    );
  return scopedContacts(db, firmId, scope).select([
    "contact.id",
    "contact.last_name",
    "contact.first_name",
    funnelStateSql(forwarded, now).as("state"),
  ]);
}

/** How many contacts in scope stand at each step of the funnel. */
export async function funnelCounts(
  db: Kysely<PortalDB>,
  firmId: string,
  scope: DashboardScope,
  now: number,
): Promise<Map<FunnelState, number>> {
  const rows = await db
    .selectFrom(placedContacts(db, firmId, scope, now).as("placed"))
    .select(["placed.state", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy("placed.state")
    .execute();
  return new Map(rows.map((r) => [r.state, r.n]));
}

/**
 * The ids of one page of the contacts in scope, in the dashboard's order (name), of one state when
 * the scope names one.
 */
export async function contactIdsOfPage(
  db: Kysely<PortalDB>,
  firmId: string,
  scope: DashboardScope,
  now: number,
  { offset, limit }: { offset: number; limit: number },
): Promise<string[]> {
  const { state } = scope;
  // Without a state, no contact needs placing: the name index gives the page.
  const contacts = state
    ? db
        .selectFrom(placedContacts(db, firmId, scope, now).as("contact"))
        .select("contact.id")
        .where("contact.state", "=", state)
    : scopedContacts(db, firmId, scope).select("contact.id");
  const rows = await contacts
    .orderBy("last_name")
    .orderBy("first_name")
    .orderBy("id")
    .offset(offset)
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}
