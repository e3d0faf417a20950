import { createHmac, randomInt } from "node:crypto";

/** Ten codes, shown once when the authenticator app is enabled; each opens one sign-in. */
export const RECOVERY_CODE_COUNT = 10;
// No 0/O, 1/I/L: read aloud or copied from paper without doubt. 12 characters of 31: ~59 bits.
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
  });
}

/** What a person typed, as stored: upper case, no separators. */
export const normalizeRecoveryCode = (typed: string): string => typed.toUpperCase().replace(/[^0-9A-Z]/g, "");

/** A recovery code looks like this once normalised (a TOTP code never does: it is 6 digits). */
export const looksLikeRecoveryCode = (typed: string): boolean => normalizeRecoveryCode(typed).length === 12;

/** Keyed hash (HMAC-SHA256 with a key derived from the key-encryption key): the table alone opens nothing. */
export const hashRecoveryCode = (key: Buffer, typed: string): string =>
  createHmac("sha256", key).update(normalizeRecoveryCode(typed)).digest("base64url");
