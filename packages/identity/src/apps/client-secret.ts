import { hash, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Client secrets are 40 random characters (Entra's length and `~` marker), so a fast SHA-256 is the
 * right hash: there is nothing to brute-force, and the token endpoint stays cheap (bench goal).
 */
export function newClientSecret(): string {
  const body = randomBytes(30).toString("base64url").replace(/[-_]/g, "x");
  return `${body.slice(0, 3)}8Q~${body.slice(3, 37)}`;
}

export const hashClientSecret = (secret: string): string => hash("sha256", secret, "base64url");

export function clientSecretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashClientSecret(secret));
  const b = Buffer.from(storedHash);
  return a.length === b.length && timingSafeEqual(a, b);
}
