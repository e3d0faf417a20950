import { isSmtpDeliverable } from "@sesame/kit/mail/smtp-address";
/** The form an address is compared and stored under: trimmed, NFC, lower case. */
export function normalizeEmail(email: string): string {
  return email.trim().normalize("NFC").toLowerCase();
}

export function emailDomain(email: string): string {
  return normalizeEmail(email).split("@").pop() ?? "";
}

/** Deliberately simple: one @, a dotted domain, no spaces. The emailed code proves the rest. */
export function looksLikeEmail(email: string): boolean {
  // Also what SMTP will take: an account whose codes cannot be mailed would be a dead end.
  const trimmed = email.trim();
  return /^[^\s@]{1,64}@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$/i.test(trimmed) && isSmtpDeliverable(trimmed);
}
