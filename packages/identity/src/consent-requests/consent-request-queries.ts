import { fromBool, toBool } from "@sesame/kit/db/columns";
import type { Kysely, Selectable } from "kysely";
import type { UserConsentRequestTable } from "../storage/consent-request-tables";
import type { IdentityDB } from "../storage/schema";
import type { ConsentRequestPolicy, ReviewerScope } from "./consent-request-rules";

type Db = Kysely<IdentityDB>;
export type UserConsentRequest = Selectable<UserConsentRequestTable>;

/** A tenant that never set the policy: Microsoft's default, the workflow off. */
const defaultPolicy: ConsentRequestPolicy = {
  isEnabled: false,
  notifyReviewers: false,
  remindersEnabled: false,
  requestDurationInDays: 0,
  reviewers: [],
  version: 0,
};

export async function readPolicy(db: Db, tenantId: string): Promise<ConsentRequestPolicy> {
  const row = await db
    .selectFrom("admin_consent_request_policy")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .executeTakeFirst();
  if (!row) return defaultPolicy;
  return {
    isEnabled: fromBool(row.is_enabled),
    notifyReviewers: fromBool(row.notify_reviewers),
    remindersEnabled: fromBool(row.reminders_enabled),
    requestDurationInDays: Number(row.request_duration_days),
    reviewers: JSON.parse(row.reviewers) as ReviewerScope[],
    version: Number(row.version),
  };
}

/** Replaces the tenant's policy; its version goes up by one, as Graph's does. */
export async function writePolicy(
  trx: Db,
  tenantId: string,
  policy: Omit<ConsentRequestPolicy, "version">,
): Promise<void> {
  const version = (await readPolicy(trx, tenantId)).version + 1;
  const values = {
    is_enabled: toBool(policy.isEnabled),
    notify_reviewers: toBool(policy.notifyReviewers),
    reminders_enabled: toBool(policy.remindersEnabled),
    request_duration_days: policy.requestDurationInDays,
    reviewers: JSON.stringify(policy.reviewers),
    version,
    updated_at: Date.now(),
  };
  const updated = await trx
    .updateTable("admin_consent_request_policy")
    .set(values)
    .where("tenant_id", "=", tenantId)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0)
    await trx
      .insertInto("admin_consent_request_policy")
      .values({ tenant_id: tenantId, ...values })
      .execute();
}

export interface AppConsentRequestRow {
  readonly id: string;
  readonly tenant_id: string;
  readonly client_app_id: string;
  readonly app_display_name: string;
  readonly created_at: number;
}

export function listAppRequests(db: Db, tenantId: string): Promise<AppConsentRequestRow[]> {
  return db
    .selectFrom("app_consent_request")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .orderBy("created_at", "desc")
    .execute();
}

export function findAppRequest(
  db: Db,
  tenantId: string,
  id: string,
): Promise<AppConsentRequestRow | undefined> {
  return db
    .selectFrom("app_consent_request")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export function findAppRequestOf(db: Db, tenantId: string, clientAppId: string) {
  return db
    .selectFrom("app_consent_request")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("client_app_id", "=", clientAppId)
    .executeTakeFirst();
}

/** Every user's request for these apps, newest first. */
export async function userRequestsOf(
  db: Db,
  appRequestIds: readonly string[],
): Promise<UserConsentRequest[]> {
  if (appRequestIds.length === 0) return [];
  return db
    .selectFrom("user_consent_request")
    .selectAll()
    .where("app_request_id", "in", appRequestIds)
    .orderBy("created_at", "desc")
    .execute();
}

/** The user's undecided request for this app, if any (at most one, by the unique open_key). */
export function openRequestOf(db: Db, appRequestId: string, userId: string) {
  return db
    .selectFrom("user_consent_request")
    .selectAll()
    .where("app_request_id", "=", appRequestId)
    .where("open_key", "=", userId)
    .executeTakeFirst();
}

/** Undecided requests whose time ran out at `now`. */
export function overdueRequests(db: Db, now: number): Promise<UserConsentRequest[]> {
  return db
    .selectFrom("user_consent_request")
    .selectAll()
    .where("status", "=", "InProgress")
    .where("expires_at", "<=", now)
    .execute();
}

/** Undecided requests no reminder was sent for yet. */
export function unremindedRequests(db: Db): Promise<UserConsentRequest[]> {
  return db
    .selectFrom("user_consent_request")
    .selectAll()
    .where("status", "=", "InProgress")
    .where("reminded_at", "is", null)
    .execute();
}

export interface ReviewerAccount {
  readonly id: string;
  readonly email: string;
  readonly language: string;
}

/** The enabled work accounts of the tenant among these users and the holders of these roles. */
export async function reviewerAccounts(
  db: Db,
  tenantId: string,
  { userIds, roleIds }: { readonly userIds: readonly string[]; readonly roleIds: readonly string[] },
): Promise<ReviewerAccount[]> {
  if (userIds.length === 0 && roleIds.length === 0) return [];
  const rows = await db
    .selectFrom("account as a")
    .leftJoin("directory_role_assignment as r", "r.account_id", "a.id")
    .select(["a.id", "a.email", "a.language"])
    .distinct()
    .where("a.tenant_id", "=", tenantId)
    .where("a.enabled", "=", 1)
    .where((eb) =>
      eb.or([
        ...(userIds.length ? [eb("a.id", "in", userIds)] : []),
        ...(roleIds.length ? [eb("r.role_template_id", "in", roleIds)] : []),
      ]),
    )
    .execute();
  return rows.map((r) => ({ id: r.id, email: r.email, language: r.language ?? "fr" }));
}
