import { Secret, TOTP } from "otpauth";

/** RFC 6238 as authenticator apps use it: SHA-1, 6 digits, 30-second steps. */
const PERIOD_S = 30;
/** One step either side of now: a phone's clock a little off still works, an old code does not. */
const WINDOW = 1;

export type TotpCheck =
  | { readonly kind: "ok"; readonly step: number }
  | { readonly kind: "wrong" }
  /** The right code for a step already used: someone replays what they saw. */
  | { readonly kind: "replayed" };

export const newTotpSecret = (): Buffer => Buffer.from(new Secret({ size: 20 }).bytes);

function totp(secret: Buffer, issuer = "", label = ""): TOTP {
  return new TOTP({
    issuer,
    label,
    algorithm: "SHA1",
    digits: 6,
    period: PERIOD_S,
    secret: new Secret({ buffer: new Uint8Array(secret).buffer }),
  });
}

/** The otpauth:// URI an authenticator app reads from the QR code. */
export const totpUri = (secret: Buffer, issuer: string, account: string): string =>
  totp(secret, issuer, account).toString();

/** The secret as people type it into an app that cannot scan (base32, in groups of four). */
export const totpSecretText = (secret: Buffer): string =>
  (new Secret({ buffer: new Uint8Array(secret).buffer }).base32.match(/.{1,4}/g) ?? []).join(" ");

/** A code typed by a person (spaces allowed), checked against now ± one step and the last step used. */
export function checkTotpCode(secret: Buffer, code: string, lastStep: number, now = Date.now()): TotpCheck {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return { kind: "wrong" };
  const delta = totp(secret).validate({ token, timestamp: now, window: WINDOW });
  if (delta === null) return { kind: "wrong" };
  const step = Math.floor(now / 1000 / PERIOD_S) + delta;
  return step <= lastStep ? { kind: "replayed" } : { kind: "ok", step };
}
