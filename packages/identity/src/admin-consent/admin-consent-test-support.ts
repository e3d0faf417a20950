import type { TestTarget } from "@sesame/kit/db/test-databases";
import type { LightMyRequestResponse } from "fastify";
import { addRedirectUri, addRequiredPermission, findApplication } from "../apps/app-queries";
import { GRAPH_APP_ID } from "../apps/graph-app";
import { seedIdentityDemo } from "../demo/demo-data";
import { PORTAL_CLIENT_ID } from "../demo/portal-application";
import { createTestTenant, registerTestApp } from "../oauth/testing/oauth-fixtures";
import { fastArgon2, signIn } from "../tenants/directory-test-support";
import { tenantOfDomain } from "../tenants/tenant-queries";
import { Browser, type IdentityHarness, startTestIdentity } from "../testing/identity-harness";

/** The demo's Boulangerie Martin people (user consent is off in that tenant). */
export const people = {
  globalAdmin: { email: "sophie.martin@boulangerie-martin.fr", password: "Baguette-Doree-81" },
  appAdmin: { email: "lucas.bernard@boulangerie-martin.fr", password: "Croissant-Beurre-63" },
  user: { email: "emma.petit@boulangerie-martin.fr", password: "Farine-Levain-29" },
} as const;

export const PORTAL_REDIRECT = "https://portal.test/YPN/authorize";
/** Graph's Organization.Read.All application permission (an app role). */
export const ORGANIZATION_READ_ALL = "498476ce-e0fe-48b0-b801-37ba7e2685c6";

export interface AdminConsentWorld {
  readonly h: IdentityHarness;
  readonly tenantId: string;
  /** A multi-tenant app of another publisher declaring User.Read and Graph's Organization.Read.All. */
  readonly reporting: Awaited<ReturnType<typeof registerTestApp>>;
  close(): Promise<void>;
}

export async function startAdminConsentWorld(target: TestTarget): Promise<AdminConsentWorld> {
  const h = await startTestIdentity(target, { env: fastArgon2 });
  await seedIdentityDemo(h.identity.ctx);
  const db = h.identity.ctx.db;
  const portal = await findApplication(db, PORTAL_CLIENT_ID);
  if (!portal) throw new Error("demo portal application missing");
  await addRedirectUri(db, portal.id, PORTAL_REDIRECT, "web");
  const tenant = await tenantOfDomain(db, "boulangerie-martin.fr");
  if (!tenant) throw new Error("demo tenant missing");
  const reporting = await registerTestApp(h.identity.ctx, {
    tenantId: await createTestTenant(h.identity.ctx, "Éditeur"),
    audience: "AzureADMultipleOrgs",
    name: "Rapports Compta",
  });
  const userRead = await db
    .selectFrom("application_permission as p")
    .innerJoin("application as a", "a.id", "p.application_id")
    .select("p.id")
    .where("a.app_id", "=", GRAPH_APP_ID)
    .where("p.value", "=", "User.Read")
    .where("p.kind", "=", "scope")
    .executeTakeFirstOrThrow();
  for (const [permissionId, kind] of [
    [userRead.id, "scope"],
    [ORGANIZATION_READ_ALL, "role"],
  ] as const)
    await addRequiredPermission(db, reporting.app.id, { resourceAppId: GRAPH_APP_ID, permissionId, kind });
  return { h, tenantId: tenant.id, reporting, close: () => h.close() };
}

/** A browser already signed in at identity as this person. */
export async function signedIn(
  h: IdentityHarness,
  who: { email: string; password: string },
  locale: "fr" | "en" = "en",
): Promise<Browser> {
  const browser = new Browser(h.app, locale);
  await signIn(browser, who.email, who.password);
  return browser;
}

/** The seed's URL: v1, Graph as resource, no prompt, empty response_mode. */
export const seedUrl = (extra = "") =>
  `/common/oauth2/authorize?client_id=${PORTAL_CLIENT_ID}&redirect_uri=${PORTAL_REDIRECT}&resource=https://graph.microsoft.com/&response_type=code&response_mode=${extra}`;

/** Posts the consent form shown in `page` with the given decision (and the organization box). */
export function answerConsent(
  browser: Browser,
  page: LightMyRequestResponse,
  decision: "accept" | "cancel",
  onBehalf: boolean,
): Promise<LightMyRequestResponse> {
  const request = /name="request" value="([^"]+)"/.exec(page.body)?.[1]?.replace(/&amp;/g, "&") ?? "";
  const action = /<form method="post" action="([^"]+)"/.exec(page.body)?.[1] ?? "";
  return browser.post(action, { request, decision, ...(onBehalf ? { on_behalf: "1" } : {}) });
}

export const location = (r: LightMyRequestResponse): URL => new URL(String(r.headers.location));
