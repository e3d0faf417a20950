import { argon2Settings } from "../accounts/argon2-settings";
import { hashPassword } from "../accounts/password-hash";
import type { IdentityConfig } from "../config";
import { DirectoryError } from "../tenants/directory-error";
import { temporaryPassword } from "./temporary-password";

export interface AdminSetPassword {
  readonly password: string;
  readonly hash: string;
  /** True when we generated it: it must then be shown or mailed once. */
  readonly generated: boolean;
}

/**
 * The password an admin types for a user, or a generated one when left empty. Only the length
 * policy applies here: the user replaces it at next sign-in when "must change" is set.
 */
export async function adminSetPassword(
  config: IdentityConfig,
  typed: string | undefined,
): Promise<AdminSetPassword> {
  const password = typed?.normalize("NFC") || temporaryPassword();
  if (password.length < config.SESAME_PASSWORD_MIN_LENGTH || password.length > 256)
    throw new DirectoryError("directory.error.passwordLength", { min: config.SESAME_PASSWORD_MIN_LENGTH });
  return { password, hash: await hashPassword(password, argon2Settings(config)), generated: !typed };
}
