import { isUniqueViolation } from "@sesame/kit/db/unique-violation";
import { argon2Settings } from "../accounts/argon2-settings";
import { normalizeEmail } from "../accounts/email";
import { newPersonalObjectId } from "../accounts/object-id";
import { hashPassword } from "../accounts/password-hash";
import { CONSUMER_TENANT_ID } from "../config";
import type { IdentityContext } from "../context";
import { seedOrganizationsDemo } from "../tenants/organizations-demo";
import { seedPortalApplication } from "./portal-application";

export interface DemoAccount {
  readonly label: string;
  readonly email: string;
  readonly password: string;
}

/** The personal account printed by `npm start`, so a newcomer can sign in at once. */
export const demoPersonalAccount: DemoAccount = {
  label: "personal Microsoft account",
  email: "camille.durand@outlook.fr",
  password: "Tournesol-Quai-47",
};

/** Idempotent: running it on every start creates what is missing and changes nothing else. */
export async function seedIdentityDemo(ctx: IdentityContext): Promise<DemoAccount[]> {
  const now = Date.now();
  const account = demoPersonalAccount;
  try {
    await ctx.db
      .insertInto("account")
      .values({
        id: newPersonalObjectId(),
        tenant_id: CONSUMER_TENANT_ID,
        kind: "personal",
        email: account.email,
        email_normalized: normalizeEmail(account.email),
        password_hash: await hashPassword(account.password, argon2Settings(ctx.config)),
        display_name: "Camille Durand",
        given_name: "Camille",
        family_name: "Durand",
        country: "FR",
        birth_date: "1988-04-12",
        language: "fr",
        email_verified_at: now,
        marketing_consent_at: null,
        enabled: 1,
        created_at: now,
        updated_at: now,
        password_changed_at: now,
      })
      .execute();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  // The firm's portal as a registered application (oauth feature); printed with its demo secret.
  return [account, await seedPortalApplication(ctx), ...(await seedOrganizationsDemo(ctx))];
}
