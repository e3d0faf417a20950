import { BOOL, TIME } from "@sesame/kit/db/columns";
import type { Kysely } from "kysely";

/**
 * Graph's `adminConsentRequestPolicy`: one per tenant; absent means Microsoft's default (off).
 * `reviewers` is the JSON array of `accessReviewReviewerScope` objects as PUT by the admin.
 */
export interface AdminConsentRequestPolicyTable {
  tenant_id: string;
  is_enabled: number;
  notify_reviewers: number;
  reminders_enabled: number;
  request_duration_days: number;
  reviewers: string;
  version: number;
  updated_at: number;
}

/** Graph's `appConsentRequest`: every user's request for one app in one tenant, grouped. */
export interface AppConsentRequestTable {
  id: string;
  tenant_id: string;
  client_app_id: string;
  app_display_name: string;
  created_at: number;
}

/** Graph's `userConsentRequest` with its single approval stage. */
export interface UserConsentRequestTable {
  id: string;
  app_request_id: string;
  tenant_id: string;
  user_id: string;
  user_name: string;
  user_email: string;
  /** The requester's language, for the mail telling them the outcome. */
  language: string;
  reason: string;
  resource_app_id: string;
  /** Space-separated scope values the user was asked for. */
  scopes: string;
  /** Initializing, InProgress, Expired, Completed (Graph's values). */
  status: string;
  /** NotReviewed, Approved, Denied. */
  review_result: string;
  justification: string | null;
  reviewed_by_id: string | null;
  reviewed_by_name: string | null;
  /** The user's id while the request is undecided, else null: one open request per user and app. */
  open_key: string | null;
  created_at: number;
  expires_at: number;
  reminded_at: number | null;
  completed_at: number | null;
}

export interface ConsentRequestTables {
  admin_consent_request_policy: AdminConsentRequestPolicyTable;
  app_consent_request: AppConsentRequestTable;
  user_consent_request: UserConsentRequestTable;
}

export async function createConsentRequestTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("admin_consent_request_policy")
    .addColumn("tenant_id", "text", (c) => c.primaryKey())
    .addColumn("is_enabled", BOOL, (c) => c.notNull())
    .addColumn("notify_reviewers", BOOL, (c) => c.notNull())
    .addColumn("reminders_enabled", BOOL, (c) => c.notNull())
    .addColumn("request_duration_days", "integer", (c) => c.notNull())
    .addColumn("reviewers", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("updated_at", TIME, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("app_consent_request")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("client_app_id", "text", (c) => c.notNull())
    .addColumn("app_display_name", "text", (c) => c.notNull())
    .addColumn("created_at", TIME, (c) => c.notNull())
    .addUniqueConstraint("app_consent_request_tenant_app", ["tenant_id", "client_app_id"])
    .execute();
  await db.schema
    .createTable("user_consent_request")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("app_request_id", "text", (c) => c.notNull())
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("user_name", "text", (c) => c.notNull())
    .addColumn("user_email", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("resource_app_id", "text", (c) => c.notNull())
    .addColumn("scopes", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("review_result", "text", (c) => c.notNull())
    .addColumn("justification", "text")
    .addColumn("reviewed_by_id", "text")
    .addColumn("reviewed_by_name", "text")
    .addColumn("open_key", "text")
    .addColumn("created_at", TIME, (c) => c.notNull())
    .addColumn("expires_at", TIME, (c) => c.notNull())
    .addColumn("reminded_at", TIME)
    .addColumn("completed_at", TIME)
    .addUniqueConstraint("user_consent_request_open", ["app_request_id", "open_key"])
    .execute();
  await db.schema
    .createIndex("user_consent_request_status_expiry")
    .on("user_consent_request")
    .columns(["status", "expires_at"])
    .execute();
}
