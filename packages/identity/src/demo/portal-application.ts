import { randomUUID } from "node:crypto";
import { isUniqueViolation } from "@sesame/kit/db/unique-violation";
import {
  addRedirectUri,
  addRequiredPermission,
  createApplication,
  findApplication,
} from "../apps/app-queries";
import { hashClientSecret } from "../apps/client-secret";
import { GRAPH_APP_ID, graphPermissions } from "../apps/graph-app";
import { CONSUMER_TENANT_ID } from "../config";
import type { IdentityContext } from "../context";

/** The seed's client id, so the help article's admin-consent URL works with only its host swapped. */
export const PORTAL_CLIENT_ID = "ff28182b-b927-4697-9f0e-3d38e40971a8";
/** The portal's default SESAME_CLIENT_SECRET (demo only; production registers its own with the CLI). */
export const PORTAL_DEMO_SECRET = "sesame-demo-portal-secret";

/** Registers the firm's portal as an application; idempotent. Returns what to print. */
export async function seedPortalApplication(ctx: IdentityContext) {
  const port = ctx.config.SESAME_PORTAL_PORT;
  const origin = `https://${ctx.config.SESAME_PUBLIC_HOST}${port === 443 ? "" : `:${port}`}`;
  let app = await findApplication(ctx.db, PORTAL_CLIENT_ID);
  if (!app) {
    try {
      app = await createApplication(ctx.db, {
        appId: PORTAL_CLIENT_ID,
        displayName: "Espace collaboratif du cabinet",
        publisher: "Cabinet YPN",
        signInAudience: "AzureADandPersonalMicrosoftAccount",
        tenantId: CONSUMER_TENANT_ID,
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      app = await findApplication(ctx.db, PORTAL_CLIENT_ID);
    }
  }
  if (!app) throw new Error("the portal application could not be registered");
  const applicationId = app.id;
  const ignoreDuplicate = async (write: () => Promise<unknown>) => {
    try {
      await write();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  };
  for (const path of ["/YPN/authorize", "/auth/callback", "/auth/signed-out"]) {
    await ignoreDuplicate(() => addRedirectUri(ctx.db, applicationId, `${origin}${path}`, "web"));
  }
  for (const value of ["openid", "profile", "email", "offline_access", "User.Read"]) {
    const permission = graphPermissions.find((p) => p.kind === "scope" && p.value === value);
    if (!permission) continue;
    await ignoreDuplicate(() =>
      addRequiredPermission(ctx.db, applicationId, {
        resourceAppId: GRAPH_APP_ID,
        permissionId: permission.id,
        kind: "scope",
      }),
    );
  }
  const hash = hashClientSecret(PORTAL_DEMO_SECRET);
  const existing = await ctx.db
    .selectFrom("application_secret")
    .select("id")
    .where("application_id", "=", applicationId)
    .where("secret_hash", "=", hash)
    .executeTakeFirst();
  if (!existing) {
    await ctx.db
      .insertInto("application_secret")
      .values({
        id: randomUUID(),
        application_id: applicationId,
        hint: PORTAL_DEMO_SECRET.slice(0, 3),
        secret_hash: hash,
        display_name: "demo",
        expires_at: Date.now() + 730 * 24 * 60 * 60 * 1000,
        created_at: Date.now(),
      })
      .execute();
  }
  return {
    label: "portal application (client id / secret)",
    email: PORTAL_CLIENT_ID,
    password: PORTAL_DEMO_SECRET,
  };
}
