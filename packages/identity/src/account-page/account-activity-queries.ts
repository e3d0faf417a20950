import type { Kysely } from "kysely";
import type { IdentityDB } from "../storage/schema";

type Db = Kysely<IdentityDB>;

export interface AccountSession {
  readonly id: string;
  readonly createdAt: number;
  readonly lastSeenAt: number;
  readonly expiresAt: number;
  readonly persistent: boolean;
  readonly ip: string;
  readonly userAgent: string;
}

/** The account's sessions still open, on every browser, most recently used first. */
export async function openSessionsOf(db: Db, accountId: string): Promise<AccountSession[]> {
  const rows = await db
    .selectFrom("sign_in_session")
    .select(["id", "created_at", "last_seen_at", "expires_at", "persistent", "ip", "user_agent"])
    .where("account_id", "=", accountId)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", Date.now())
    .orderBy("last_seen_at", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    expiresAt: r.expires_at,
    persistent: r.persistent === 1,
    ip: r.ip,
    userAgent: r.user_agent,
  }));
}

export interface SignInAttempt {
  readonly at: number;
  /** "success" or the AADSTS code of the refusal ("50126" wrong password …). */
  readonly result: string;
  readonly ip: string;
  readonly userAgent: string;
}

/** The account's latest sign-in attempts, newest first (the whole log is in the data export). */
export async function recentSignInsOf(db: Db, accountId: string, limit: number): Promise<SignInAttempt[]> {
  const rows = await db
    .selectFrom("sign_in_log")
    .select(["created_at", "result", "ip", "user_agent"])
    .where("account_id", "=", accountId)
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ at: r.created_at, result: r.result, ip: r.ip, userAgent: r.user_agent }));
}

export interface ConsentedApplication {
  readonly clientAppId: string;
  readonly displayName: string;
  readonly publisher: string;
  /** Per API the app may call on the person's behalf: its name and the permissions granted. */
  readonly permissions: readonly { resource: string; scopes: readonly string[] }[];
  readonly grantedAt: number;
}

/** Applications the person consented to themselves (not an administrator's consent for everyone). */
export async function consentedApplicationsOf(db: Db, accountId: string): Promise<ConsentedApplication[]> {
  const rows = await db
    .selectFrom("oauth2_permission_grant as g")
    .innerJoin("application as c", "c.app_id", "g.client_app_id")
    .innerJoin("application as r", "r.app_id", "g.resource_app_id")
    .select([
      "g.client_app_id",
      "c.display_name as client_name",
      "c.publisher",
      "r.display_name as resource_name",
      "g.scope",
      "g.created_at",
    ])
    .where("g.consent_type", "=", "Principal")
    .where("g.principal_id", "=", accountId)
    .orderBy("c.display_name")
    .orderBy("r.display_name")
    .execute();
  const byClient = new Map<
    string,
    ConsentedApplication & { permissions: { resource: string; scopes: string[] }[] }
  >();
  for (const row of rows) {
    const entry = byClient.get(row.client_app_id) ?? {
      clientAppId: row.client_app_id,
      displayName: row.client_name,
      publisher: row.publisher,
      permissions: [],
      grantedAt: row.created_at,
    };
    entry.permissions.push({ resource: row.resource_name, scopes: row.scope.split(" ").filter(Boolean) });
    byClient.set(row.client_app_id, { ...entry, grantedAt: Math.min(entry.grantedAt, row.created_at) });
  }
  return [...byClient.values()];
}
