import { createHash, randomBytes, randomInt } from "node:crypto";
import type { UploadLinkTable } from "../storage/upload-link-tables";

export const LINK_TTL_MS = 14 * 24 * 3600_000;
/** An e-mailed code is short-lived and gives few tries: 6 digits, 10 minutes, 5 wrong answers. */
export const CODE_TTL_MS = 10 * 60_000;
export const CODE_TRIES = 5;
/** How long a browser that proved the code may upload before it asks for a new one. */
export const SESSION_TTL_MS = 2 * 3600_000;

export const sha256 = (value: string): string => createHash("sha256").update(value).digest("base64url");
export const newToken = (): string => randomBytes(32).toString("base64url");
export const newCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, "0");

export type LinkState = "open" | "expired" | "revoked";

export function linkState(link: UploadLinkTable, now: number): LinkState {
  if (link.revoked_at !== null) return "revoked";
  return now >= link.expires_at ? "expired" : "open";
}

export type CodeCheck = "ok" | "wrong" | "expired" | "tooManyTries" | "noCode";

/** Whether a typed code opens the link; a wrong code counts against the pending one. */
export function checkCode(link: UploadLinkTable, typed: string, now: number): CodeCheck {
  if (link.code_hash === null || link.code_expires_at === null) return "noCode";
  if (link.code_tries >= CODE_TRIES) return "tooManyTries";
  if (now >= link.code_expires_at) return "expired";
  return sha256(typed.replace(/\s/g, "")) === link.code_hash ? "ok" : "wrong";
}

/** Whether this browser proved a code for this link and is still within its time. */
export const sessionValid = (link: UploadLinkTable, cookie: string | undefined, now: number): boolean =>
  cookie !== undefined &&
  link.session_hash !== null &&
  link.session_expires_at !== null &&
  now < link.session_expires_at &&
  sha256(cookie) === link.session_hash;

/** The address as shown before the code is proven: c•••@client-a.example. */
export function maskedEmail(email: string): string {
  const [local = "", domain = ""] = email.split("@");
  return `${local.slice(0, 1)}•••@${domain}`;
}
