import { isUniqueViolation } from "@sesame/kit/db/unique-violation";
import { withStartupLock } from "@sesame/kit/service/startup-lock";
import { argon2Settings } from "../accounts/argon2-settings";
import { newAccountRow } from "../accounts/new-account";
import { newPersonalObjectId } from "../accounts/object-id";
import { hashPassword } from "../accounts/password-hash";
import { CONSUMER_TENANT_ID } from "../config";
import type { IdentityContext } from "../context";
import type { DemoAccount } from "./demo-account";
import { seedOrganizationsDemo } from "./organizations-demo";

export type { DemoAccount } from "./demo-account";

import { seedPortalApplication } from "./portal-application";

/** The personal account printed by `npm start`, so a newcomer can sign in at once. */
export const demoPersonalAccount: DemoAccount = {
  label: "personal Microsoft account",
  email: "camille.durand@outlook.fr",
  password: "Tournesol-Quai-47",
};

/**
 * Idempotent: running it on every start creates what is missing and changes nothing else. Under the
 * startup lock, so instances starting together do not both create the demo tenants.
 */
export function seedIdentityDemo(ctx: IdentityContext): Promise<DemoAccount[]> {
  return withStartupLock(ctx.database, () => seedOnce(ctx));
}

async function seedOnce(ctx: IdentityContext): Promise<DemoAccount[]> {
  const account = demoPersonalAccount;
  try {
    await ctx.db
      .insertInto("account")
      .values(
        newAccountRow({
          id: newPersonalObjectId(),
          tenantId: CONSUMER_TENANT_ID,
          kind: "personal",
          email: account.email,
          passwordHash: await hashPassword(account.password, argon2Settings(ctx.config)),
          displayName: "Camille Durand",
          givenName: "Camille",
          familyName: "Durand",
          country: "FR",
          birthDate: "1988-04-12",
          emailVerifiedAt: Date.now(),
        }),
      )
      .execute();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  // The firm's portal as a registered application (oauth feature); printed with its demo secret.
  return [account, await seedPortalApplication(ctx), ...(await seedOrganizationsDemo(ctx))];
}
