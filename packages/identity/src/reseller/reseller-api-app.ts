import { isUniqueViolation } from "@sesame/kit/db/unique-violation";
import type { Kysely } from "kysely";
import { createApplication, findApplication } from "../apps/app-queries";
import { verifyAccessToken } from "../bearer/access-token";
import type { IdentityContext } from "../context";
import type { IdentityDB } from "../storage/schema";
import { type BearerVerifier, LICENCE_REQUEST_ROLE } from "./licence-request-api";

/** The reseller API as a registered application: clients ask for `api://sesame-reseller/.default`. */
export const RESELLER_API_APP_ID = "7d6c1f2e-8a4b-4c3d-9e5f-0a1b2c3d4e5f";
export const RESELLER_API_URI = "api://sesame-reseller";
/** Id of its one app role, LicenceRequests.ReadWrite. */
export const LICENCE_REQUEST_ROLE_ID = "c2a8f4d1-5b3e-4f6a-8d9c-1e2f3a4b5c6d";

async function ignoreDuplicate(write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
}

/**
 * Registers the reseller API (owned by the reseller's tenant) with its app role, and grants that
 * role to a client in the client's tenant, as that tenant's admin would by consenting. Idempotent.
 */
export async function seedResellerApi(
  db: Kysely<IdentityDB>,
  input: { resellerTenantId: string; clientAppId: string; clientTenantId: string },
): Promise<void> {
  let app = await findApplication(db, RESELLER_API_APP_ID);
  if (!app) {
    await ignoreDuplicate(() =>
      createApplication(db, {
        appId: RESELLER_API_APP_ID,
        displayName: "Sésame — API revendeur",
        publisher: "Sésame",
        signInAudience: "AzureADMultipleOrgs",
        tenantId: input.resellerTenantId,
        identifierUri: RESELLER_API_URI,
      }),
    );
    app = await findApplication(db, RESELLER_API_APP_ID);
  }
  if (!app) throw new Error("the reseller API could not be registered");
  const applicationId = app.id;
  await ignoreDuplicate(() =>
    db
      .insertInto("application_permission")
      .values({
        id: LICENCE_REQUEST_ROLE_ID,
        application_id: applicationId,
        kind: "role",
        value: LICENCE_REQUEST_ROLE,
        admin_consent_required: 1,
        label_fr: "Envoyer des demandes de licences au revendeur",
        label_en: "Send licence requests to the reseller",
      })
      .execute(),
  );
  const held = await db
    .selectFrom("app_role_assignment")
    .select("id")
    .where("client_app_id", "=", input.clientAppId)
    .where("tenant_id", "=", input.clientTenantId)
    .where("resource_app_id", "=", RESELLER_API_APP_ID)
    .executeTakeFirst();
  if (!held)
    await ignoreDuplicate(() =>
      db
        .insertInto("app_role_assignment")
        .values({
          id: crypto.randomUUID(),
          client_app_id: input.clientAppId,
          tenant_id: input.clientTenantId,
          resource_app_id: RESELLER_API_APP_ID,
          app_role_id: LICENCE_REQUEST_ROLE_ID,
          created_at: Date.now(),
        })
        .execute(),
    );
}

/** Bearer check of the reseller API: a token issued by identity for this API (its app id or URI). */
export function resellerApiVerifier(ctx: IdentityContext): BearerVerifier {
  return async (token) => {
    const payload = await verifyAccessToken(ctx.db, ctx.origin, token, [
      RESELLER_API_APP_ID,
      RESELLER_API_URI,
    ]);
    if (!payload) return undefined;
    return {
      appId: String(payload.appid ?? payload.azp ?? ""),
      tenantId: String(payload.tid),
      roles: Array.isArray(payload.roles) ? payload.roles.map(String) : [],
    };
  };
}
