import { type Expression, type Kysely, type RawBuilder, sql } from "kysely";
import type { PortalDB } from "../storage/schema";
import { type DashboardScope, scopedContacts } from "./dashboard-queries";
import type { FunnelState } from "./dashboard-rules";

/** What an invitation says of its contact's state: revoked, expired, or neither (open or answered). */
const REVOKED = 3;
const EXPIRED = 2;
const OPEN = 1;

/**
 * `funnelState` (dashboard-rules.ts, with `contactState`) in SQL, so that the funnel of a firm of
 * 10,000 contacts is counted by the database instead of by reading every contact (issue 17). The
 * TypeScript rule stays the definition: it places each contact a page shows, and
 * funnel-counts.test.ts fails when this mirror and the rule disagree on any contact. Truthiness in
 * the rule (`contact.tid`, `approval_requested_at`) is spelled out: an empty string or 0 is false.
 */
function funnelStateSql(forwardedEmails: Expression<{ email: string }>): RawBuilder<FunnelState> {
  return sql<FunnelState>`case
  when contact.readiness_kind = 'deleted' then 'account_deleted'
  when contact.tid is not null and contact.tid <> '' then 'active'
  when latest.contact_id is null then 'not_invited'
  when latest.mark = ${sql.lit(REVOKED)} then 'revoked'
  when latest.mark = ${sql.lit(EXPIRED)} then 'expired'
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
 * Each invited contact's latest invitation, reduced to its mark (above), in one pass over the
 * firm's invitations: the largest `created_at * 4 + mark` is the latest invitation's, and its
 * remainder by 4 its mark (created_at, epoch milliseconds, stays far below 2^51). Two invitations of
 * one contact in the same millisecond: the stronger mark wins. Picking the latest row by a
 * self-join instead cost twice as much on PostgreSQL (a hash anti-join, docs/performance.md).
 */
function latestInvitationMarks(db: Kysely<PortalDB>, firmId: string, now: number) {
  return db
    .selectFrom("invitation")
    .select([
      "contact_id",
      sql<number>`max(created_at * 4 + case
        when revoked_at is not null then ${sql.lit(REVOKED)}
        when completed_at is null and expires_at <= ${now} then ${sql.lit(EXPIRED)}
        else ${sql.lit(OPEN)}
      end) % 4`.as("mark"),
    ])
    .where("firm_id", "=", firmId)
    .groupBy("contact_id");
}

/**
 * The contacts in scope with what their state is read from: each one's latest invitation's mark
 * and whether the approval link was forwarded for their address, by the contact (the actor) or by
 * the firm (the target).
 */
function placedContacts(db: Kysely<PortalDB>, firmId: string, scope: DashboardScope, now: number) {
  const latest = latestInvitationMarks(db, firmId, now);
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
  return scopedContacts(db, firmId, scope)
    .leftJoin(latest.as("latest"), "latest.contact_id", "contact.id")
    .select(["contact.id", "contact.last_name", "contact.first_name", funnelStateSql(forwarded).as("state")]);
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
