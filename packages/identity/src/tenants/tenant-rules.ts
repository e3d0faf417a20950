import { randomInt } from "node:crypto";

const DOMAIN = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** A DNS name an organization may add as a custom domain (lower-cased, no scheme, no port). */
export function isDomainName(value: string): boolean {
  return DOMAIN.test(value);
}

/** The first label of `<prefix>.onmicrosoft.com` from a display name: "Boulangerie Martin" → boulangeriemartin. */
export function initialDomainPrefix(displayName: string): string {
  return displayName
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "")
    .slice(0, 27);
}

/** Microsoft's initial-domain rule: letters and digits, 1 to 27 characters. */
export function isInitialDomainPrefix(prefix: string): boolean {
  return /^[a-z0-9]{1,27}$/.test(prefix);
}

/**
 * The TXT record an admin must publish to prove they own a domain, in Microsoft's shape
 * (`MS=ms12345678`). Sésame does not query DNS: verification is simulated by the admin pasting
 * the record's value back, which is checked against this token.
 */
export function newVerificationToken(): string {
  return `MS=ms${String(randomInt(0, 100_000_000)).padStart(8, "0")}`;
}

export function tokenMatches(expected: string, pasted: string): boolean {
  return pasted.trim().replace(/^"|"$/g, "") === expected;
}
