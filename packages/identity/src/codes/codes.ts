/**
 * Emailed one-time codes, for any purpose (sign-up address check, password reset …).
 *
 *   const rules = defaultCodeRules(ctx.config.SESAME_CODE_LENGTH);
 *   const key = codeKey(ctx.config);                                   // code-key.ts, once per feature
 *   const sent = await issueCode({ db: ctx.db, counters: ctx.counters, rules, key }, {
 *     purpose: "password-reset", address, subject: account.id,
 *     mail: (code) => ({ to: address, from, subject, text, html }),   // the code goes in the mail
 *   });
 *   if (sent.ok) ctx.mailQueued(); else show(sent.reason);           // "tooSoon" (retryInSeconds) | "dailyLimit"
 *
 *   const checked = await verifyCode({ db: ctx.db, rules, key }, { purpose, address, subject, code });
 *   // { ok: true } once; else reason "wrong" (triesLeft) | "expired" | "burned" | "missing"
 *
 * Rules (code-rules.ts): `length` digits, valid 10 minutes, single use, only the newest code of a
 * (purpose, subject) counts, 5 wrong tries burn it, a new code per address at most every 60 s and
 * 10 per address per 24 h. Codes are stored as HMAC-SHA256 under a server-side key (derived from the
 * key-encryption key, never stored) of a random per-code salt and the code; codes stored before that
 * key existed (an unkeyed HMAC) no longer verify, and a new code must be requested;
 * the mail is queued in the same transaction that stores the code. Limits are counted in the
 * database, so every instance agrees; two simultaneous requests are serialised by a claim on the
 * previous code's id in the shared counters (Redis when several instances run).
 */
import { randomUUID } from "node:crypto";
import type { Counters } from "@sesame/kit/counters/counters";
import { narrow } from "@sesame/kit/db/database";
import { enqueueMail, type MailMessage } from "@sesame/kit/mail/outbox";
import type { MailTables } from "@sesame/kit/mail/outbox-table";
import type { Kysely } from "kysely";
import { normalizeEmail } from "../accounts/email";
import type { IdentityDB } from "../storage/schema";
import {
  type CodeRules,
  codeMatches,
  hashCode,
  mayIssue,
  newCode,
  newSalt,
  type SendDecision,
} from "./code-rules";

export { type CodeRules, defaultCodeRules } from "./code-rules";

export type CodePurpose = "signup" | "password-reset" | "email-change" | "guest-otp";

export interface CodeTarget {
  readonly purpose: CodePurpose;
  readonly address: string;
  /** What the code is bound to: a sign-up attempt id, an account id … */
  readonly subject: string;
}

export type VerifyResult =
  | { ok: true }
  | { ok: false; reason: "wrong"; triesLeft: number }
  | { ok: false; reason: "expired" | "burned" | "missing" };

const DAY_MS = 24 * 60 * 60 * 1000;

export async function issueCode(
  deps: { db: Kysely<IdentityDB>; counters: Counters; rules: CodeRules; key: Buffer },
  target: CodeTarget & { mail: (code: string) => MailMessage },
): Promise<SendDecision & { codeId?: string }> {
  const { db, counters, rules, key } = deps;
  const address = normalizeEmail(target.address);
  const now = Date.now();
  const recent = await db
    .selectFrom("email_code")
    .select(["id", "created_at"])
    .where("address", "=", address)
    .where("created_at", ">", now - DAY_MS)
    .orderBy("created_at", "desc")
    .execute();
  const decision = mayIssue(rules, { lastIssuedAt: recent[0]?.created_at, issuedToday: recent.length }, now);
  if (!decision.ok) return decision;
  const claimKey = `code-issue:${address}:${recent[0]?.id ?? "none"}`;
  if (!(await counters.claimOnce(claimKey, rules.resendAfterMs))) {
    return { ok: false, reason: "tooSoon", retryInSeconds: Math.ceil(rules.resendAfterMs / 1000) };
  }
  const code = newCode(rules.length);
  const salt = newSalt();
  const id = randomUUID();
  try {
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable("email_code")
        .set({ burned_at: now })
        .where("purpose", "=", target.purpose)
        .where("subject", "=", target.subject)
        .where("used_at", "is", null)
        .where("burned_at", "is", null)
        .execute();
      await trx
        .insertInto("email_code")
        .values({
          id,
          purpose: target.purpose,
          address,
          subject: target.subject,
          code_hash: hashCode(code, salt, key),
          salt,
          created_at: now,
          expires_at: now + rules.ttlMs,
          failed_attempts: 0,
          used_at: null,
          burned_at: null,
        })
        .execute();
      await enqueueMail(narrow<MailTables, IdentityDB>(trx), target.mail(code));
    });
  } catch (error) {
    await counters.reset(claimKey);
    throw error;
  }
  return { ok: true, codeId: id };
}

export async function verifyCode(
  deps: { db: Kysely<IdentityDB>; rules: CodeRules; key: Buffer },
  target: CodeTarget & { code: string },
): Promise<VerifyResult> {
  const { db, rules, key } = deps;
  const row = await db
    .selectFrom("email_code")
    .selectAll()
    .where("purpose", "=", target.purpose)
    .where("subject", "=", target.subject)
    .where("address", "=", normalizeEmail(target.address))
    .orderBy("created_at", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!row || row.used_at !== null) return { ok: false, reason: "missing" };
  if (row.burned_at !== null || row.failed_attempts >= rules.maxFailures)
    return { ok: false, reason: "burned" };
  const now = Date.now();
  if (row.expires_at <= now) return { ok: false, reason: "expired" };
  const live = db
    .updateTable("email_code")
    .where("id", "=", row.id)
    .where("used_at", "is", null)
    .where("burned_at", "is", null)
    .where("failed_attempts", "<", rules.maxFailures);

  if (/^\d+$/.test(target.code.trim()) && codeMatches(target.code, row.salt, row.code_hash, key)) {
    // Single use even under concurrency: only the request that flips used_at wins.
    const used = await live.set({ used_at: now }).executeTakeFirst();
    return Number(used.numUpdatedRows) === 1 ? { ok: true } : { ok: false, reason: "missing" };
  }
  const counted = await live
    .set((eb) => ({ failed_attempts: eb("failed_attempts", "+", 1) }))
    .executeTakeFirst();
  if (Number(counted.numUpdatedRows) !== 1) return { ok: false, reason: "burned" };
  const failures = row.failed_attempts + 1;
  if (failures >= rules.maxFailures) {
    await db.updateTable("email_code").set({ burned_at: now }).where("id", "=", row.id).execute();
    return { ok: false, reason: "burned" };
  }
  return { ok: false, reason: "wrong", triesLeft: rules.maxFailures - failures };
}

/** Every code bound to a subject disappears (an abandoned or refused sign-up keeps nothing). */
export async function forgetCodes(
  db: Kysely<IdentityDB>,
  purpose: CodePurpose,
  subject: string,
): Promise<void> {
  await db.deleteFrom("email_code").where("purpose", "=", purpose).where("subject", "=", subject).execute();
}
