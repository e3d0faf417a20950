import { Secret, TOTP } from "otpauth";

/** What an authenticator app shows for this key (base32, as the enrolment page prints it) at `at`. */
export function totpCode(key: string, at = Date.now()): string {
  return new TOTP({ secret: Secret.fromBase32(key.replace(/\s+/g, "")) }).generate({ timestamp: at });
}
