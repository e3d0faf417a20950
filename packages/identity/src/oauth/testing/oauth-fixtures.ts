import { randomUUID } from "node:crypto";
import { addClientSecret, addRedirectUri, createApplication } from "../../apps/app-queries";
import type { IdentityContext } from "../../context";
import type { RedirectKind, SignInAudience } from "../../storage/app-tables";

/** An organization tenant for tests (tenants are created by the tenants feature in the product). */
export async function createTestTenant(ctx: IdentityContext, name = "Contoso"): Promise<string> {
  const id = randomUUID();
  await ctx.db
    .insertInto("tenant")
    .values({
      id,
      display_name: name,
      kind: "organization",
      country: "FR",
      user_consent_allowed: 1,
      created_at: Date.now(),
    })
    .execute();
  return id;
}

export async function registerTestApp(
  ctx: IdentityContext,
  input: {
    tenantId: string;
    audience?: SignInAudience;
    redirect?: string;
    kind?: RedirectKind;
    name?: string;
  },
) {
  const app = await createApplication(ctx.db, {
    displayName: input.name ?? "Appli de test",
    publisher: "Cabinet test",
    signInAudience: input.audience ?? "AzureADandPersonalMicrosoftAccount",
    tenantId: input.tenantId,
    identifierUri: null,
  });
  const redirect = input.redirect ?? "https://app.example/callback";
  await addRedirectUri(ctx.db, app.id, redirect, input.kind ?? "web");
  const { secret } = await addClientSecret(ctx.db, app.id, { displayName: "test", lifetimeDays: 30 });
  return { app, clientId: app.app_id, secret, redirect };
}
