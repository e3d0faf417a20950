import type { Kysely } from "kysely";
import type { Application } from "../../apps/app-queries";
import { grantedScopes } from "../../consent/consent-queries";
import { AadstsError } from "../../protocol/aadsts";
import type { IdentityDB } from "../../storage/schema";
import { OIDC_SCOPES } from "../scopes";

/**
 * A code or refresh token only works while the consent behind it still exists (the user's own or
 * the organization's): revoked in the admin centre since, Entra answers AADSTS65001. Returns what
 * is held on that API, read now, so a refresh for the same API does not read it again.
 */
export async function assertConsentHeld(
  db: Kysely<IdentityDB>,
  input: { client: Application; resourceAppId: string; tenantId: string; accountId: string; scope: string },
): Promise<HeldConsent> {
  const held = await grantedScopes(db, {
    clientAppId: input.client.app_id,
    resourceAppId: input.resourceAppId,
    tenantId: input.tenantId,
    principalId: input.accountId,
  });
  const lost = input.scope.split(" ").filter((s) => s && !OIDC_SCOPES.has(s) && !held.has(s));
  if (held.size === 0 || lost.length > 0) {
    throw new AadstsError(
      65001,
      { appId: input.client.app_id, name: input.client.display_name },
      "invalid_grant",
    );
  }
  return { resourceAppId: input.resourceAppId, scopes: held };
}

/** The scope values a user (or the organization) consented to for one client on one API. */
export interface HeldConsent {
  readonly resourceAppId: string;
  readonly scopes: ReadonlySet<string>;
}
