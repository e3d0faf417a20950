import { randomInt } from "node:crypto";

// No look-alike characters (0/O, 1/l/I), so a password read from a mail is typed right.
const letters = "abcdefghjkmnpqrstuvwxyz";
const upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
const digits = "23456789";

function pick(alphabet: string, n: number): string {
  let out = "";
  for (let i = 0; i < n; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** A one-time password for a new or reset work account, e.g. "Qm7-kxw4-Trp9" (≈ 60 bits). */
export function temporaryPassword(): string {
  return `${pick(upper, 1)}${pick(letters, 1)}${pick(digits, 1)}-${pick(letters, 3)}${pick(digits, 1)}-${pick(upper, 1)}${pick(letters, 2)}${pick(digits, 1)}-${pick(letters + digits, 4)}`;
}
