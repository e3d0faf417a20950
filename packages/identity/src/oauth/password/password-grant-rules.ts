import type { Account } from "../../accounts/account-queries";
import type { Tenant } from "../../tenants/tenant-queries";

/**
 * Would this sign-in need a second factor (MFA, or a Conditional Access policy asking for one)? The
 * password grant cannot ask for it, so Entra answers AADSTS50076 with suberror `basic_action` and
 * the client must go interactive. Identity has no second factors yet: the answer is always "not
 * required". This is the one place to decide it once they exist (per account or per tenant policy).
 */
export function secondFactorRequired(_input: { account: Account; tenant: Tenant }): boolean {
  return false;
}

/** The tenant's switch for the password grant (ROPC): on unless an admin blocked it. */
export const passwordGrantAllowed = (tenant: Pick<Tenant, "password_grant_allowed"> | undefined): boolean =>
  tenant?.password_grant_allowed !== 0;
