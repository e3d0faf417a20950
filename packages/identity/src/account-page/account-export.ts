import type { Account } from "../accounts/account-queries";
import type { IdentityContext } from "../context";
import { consentedApplicationsOf } from "./account-activity-queries";

const iso = (ms: number | null | undefined): string | null =>
  ms == null ? null : new Date(ms).toISOString();

/**
 * Everything stored about the person, as one JSON document (the right of access and portability):
 * profile, sessions, sign-in log, applications and their permissions, and the platform mailbox.
 * Secrets are left out: the password hash, browser tokens and refresh tokens.
 */
export async function exportAccount(ctx: Pick<IdentityContext, "db">, account: Account, hasMailbox: boolean) {
  const [sessions, signIns, applications, mailbox] = await Promise.all([
    ctx.db
      .selectFrom("sign_in_session")
      .select([
        "id",
        "created_at",
        "last_seen_at",
        "expires_at",
        "revoked_at",
        "persistent",
        "ip",
        "user_agent",
      ])
      .where("account_id", "=", account.id)
      .orderBy("created_at", "desc")
      .execute(),
    ctx.db
      .selectFrom("sign_in_log")
      .select(["created_at", "result", "client_id", "ip", "user_agent"])
      .where("account_id", "=", account.id)
      .orderBy("created_at", "desc")
      .execute(),
    consentedApplicationsOf(ctx.db, account.id),
    hasMailbox
      ? ctx.db
          .selectFrom("mailbox_message")
          .select(["from_address", "subject", "text_body", "received_at"])
          .where("to_address", "=", account.email_normalized)
          .orderBy("received_at", "desc")
          .execute()
      : Promise.resolve([]),
  ]);
  return {
    exportedAt: new Date().toISOString(),
    profile: {
      id: account.id,
      kind: account.kind,
      tenantId: account.tenant_id,
      email: account.email,
      displayName: account.display_name,
      givenName: account.given_name,
      familyName: account.family_name,
      country: account.country,
      birthDate: account.birth_date,
      language: account.language,
      jobTitle: account.job_title,
      usageLocation: account.usage_location,
      emailVerifiedAt: iso(account.email_verified_at),
      marketingConsentAt: iso(account.marketing_consent_at),
      createdAt: iso(account.created_at),
      updatedAt: iso(account.updated_at),
      passwordChangedAt: iso(account.password_changed_at),
    },
    sessions: sessions.map((s) => ({
      id: s.id,
      createdAt: iso(s.created_at),
      lastSeenAt: iso(s.last_seen_at),
      expiresAt: iso(s.expires_at),
      endedAt: iso(s.revoked_at),
      staySignedIn: s.persistent === 1,
      ip: s.ip,
      userAgent: s.user_agent,
    })),
    signIns: signIns.map((s) => ({
      at: iso(s.created_at),
      result: s.result,
      application: s.client_id,
      ip: s.ip,
      userAgent: s.user_agent,
    })),
    applications: applications.map((a) => ({ ...a, grantedAt: iso(a.grantedAt) })),
    mailbox: mailbox.map((m) => ({
      from: m.from_address,
      subject: m.subject,
      text: m.text_body,
      receivedAt: iso(m.received_at),
    })),
  };
}
