import { createHmac, randomBytes, randomInt, timingSafeEqual } from "node:crypto";

/** The rules of emailed codes (docs/product-rules.md#emailed-codes), the same for every purpose. */
export interface CodeRules {
  /** Digits, 4 to 8 (SESAME_CODE_LENGTH). */
  readonly length: number;
  readonly ttlMs: number;
  /** Wrong tries that burn a code. */
  readonly maxFailures: number;
  /** A new code for the same address at most this often. */
  readonly resendAfterMs: number;
  /** Codes per address per rolling 24 hours, all purposes together. */
  readonly dailyLimit: number;
}

export const defaultCodeRules = (length: number): CodeRules => ({
  length,
  ttlMs: 10 * 60 * 1000,
  maxFailures: 5,
  resendAfterMs: 60 * 1000,
  dailyLimit: 10,
});

/** Uniformly random digits from the operating system's CSPRNG (leading zeros allowed). */
export function newCode(length: number): string {
  return String(randomInt(0, 10 ** length)).padStart(length, "0");
}

export function newSalt(): string {
  return randomBytes(16).toString("base64url");
}

/**
 * HMAC-SHA256 under the server-side key (code-key.ts) of the salt and the code: the salt keeps equal
 * codes apart, the key keeps a stolen database from testing every code offline.
 */
export function hashCode(code: string, salt: string, key: Buffer): string {
  return createHmac("sha256", key).update(`${salt}:${code}`).digest("base64url");
}

export function codeMatches(code: string, salt: string, storedHash: string, key: Buffer): boolean {
  const a = Buffer.from(hashCode(code.trim(), salt, key));
  const b = Buffer.from(storedHash);
  return a.length === b.length && timingSafeEqual(a, b);
}

export type SendDecision =
  | { ok: true }
  | { ok: false; reason: "tooSoon"; retryInSeconds: number }
  | { ok: false; reason: "dailyLimit" };

/** Whether another code may be mailed to an address, from its recent history. */
export function mayIssue(
  rules: CodeRules,
  history: { lastIssuedAt: number | undefined; issuedToday: number },
  now: number,
): SendDecision {
  if (history.issuedToday >= rules.dailyLimit) return { ok: false, reason: "dailyLimit" };
  if (history.lastIssuedAt !== undefined && now - history.lastIssuedAt < rules.resendAfterMs) {
    return {
      ok: false,
      reason: "tooSoon",
      retryInSeconds: Math.ceil((rules.resendAfterMs - (now - history.lastIssuedAt)) / 1000),
    };
  }
  return { ok: true };
}
