import type { Account } from "../accounts/account-queries";
import type { IdentityConfig } from "../config";
import type { T } from "../i18n/messages";
import { passwordProblem } from "../passwords/password-policy";

/** Far above any real password; bounds the hashing and matching work. */
const MAX_PASSWORD_LENGTH = 256;

/** Sign-up's password policy applied to a new password of an existing account; the message to show, if refused. */
export async function newPasswordError(
  t: T,
  config: IdentityConfig,
  password: string,
  account: Pick<Account, "email" | "given_name" | "family_name" | "display_name">,
): Promise<string | undefined> {
  const policy = { minLength: config.SESAME_PASSWORD_MIN_LENGTH, maxLength: MAX_PASSWORD_LENGTH };
  const names = [account.given_name, account.family_name, account.display_name].filter(
    (name): name is string => typeof name === "string" && name.length > 0,
  );
  const problem = await passwordProblem(password, policy, { email: account.email, names });
  return problem
    ? t(`signup.password.${problem}`, { min: policy.minLength, max: policy.maxLength })
    : undefined;
}
