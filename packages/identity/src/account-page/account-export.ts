import type { Locale } from "@sesame/kit/i18n/i18n";
import type { Account } from "../accounts/account-queries";
import type { IdentityContext } from "../context";
import { translate } from "../i18n/messages";
import { consentedApplicationsOf } from "./account-activity-queries";
import { placeName, placesOf } from "./ip-place";

const iso = (ms: number | null | undefined): string | null =>
  ms == null ? null : new Date(ms).toISOString();

/**
 * Everything stored about the person, as one JSON document (the right of access and portability):
 * profile, consents (applications, marketing) with their dates, sessions, sign-in log, second factors,
 * the platform mailbox, and a pending closing. Secrets are left out: the password hash, browser
 * and refresh tokens, the authenticator app's key, passkeys' public keys and recovery codes. Each IP
 * address comes with its approximate place, named in the reader's language.
 */
export async function exportAccount(
  ctx: Pick<IdentityContext, "db" | "logger">,
  locale: Locale,
  account: Account,
  hasMailbox: boolean,
) {
  const [sessions, signIns, applications, mailbox, marketing, totp, recoveryCodes, passkeys] =
    await Promise.all([
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
      ctx.db
        .selectFrom("marketing_consent_event")
        .select(["granted", "at"])
        .where("account_id", "=", account.id)
        .orderBy("at")
        .execute(),
      ctx.db
        .selectFrom("totp_factor")
        .select(["created_at", "enabled_at"])
        .where("account_id", "=", account.id)
        .executeTakeFirst(),
      ctx.db
        .selectFrom("recovery_code")
        .select(["created_at", "used_at"])
        .where("account_id", "=", account.id)
        .execute(),
      ctx.db
        .selectFrom("passkey")
        .select(["name", "created_at", "last_used_at"])
        .where("account_id", "=", account.id)
        .orderBy("created_at")
        .execute(),
    ]);
  const places = await placesOf(
    [...sessions, ...signIns].map((s) => s.ip),
    ctx.logger,
  );
  const t = translate(locale);
  const placeAt = (ip: string) => {
    const place = places.get(ip) ?? { kind: "unknown" };
    return { code: place.kind === "country" ? place.code : null, name: placeName(t, locale, place) };
  };
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
      place: placeAt(s.ip),
      userAgent: s.user_agent,
    })),
    signIns: signIns.map((s) => ({
      at: iso(s.created_at),
      result: s.result,
      application: s.client_id,
      ip: s.ip,
      place: placeAt(s.ip),
      userAgent: s.user_agent,
    })),
    applications: applications.map((a) => ({ ...a, grantedAt: iso(a.grantedAt) })),
    marketingConsentHistory: marketing.map((m) => ({ granted: m.granted === 1, at: iso(m.at) })),
    secondFactors: {
      authenticatorApp: totp?.enabled_at ? { enabledAt: iso(totp.enabled_at) } : null,
      recoveryCodes: {
        total: recoveryCodes.length,
        used: recoveryCodes.filter((c) => c.used_at !== null).length,
      },
      passkeys: passkeys.map((p) => ({
        name: p.name,
        createdAt: iso(p.created_at),
        lastUsedAt: iso(p.last_used_at),
      })),
    },
    closing: account.deletion_due_at
      ? { requestedAt: iso(account.deletion_requested_at), erasedOn: iso(account.deletion_due_at) }
      : null,
    mailbox: mailbox.map((m) => ({
      from: m.from_address,
      subject: m.subject,
      text: m.text_body,
      receivedAt: iso(m.received_at),
    })),
  };
}
