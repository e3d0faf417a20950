import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { addRedirectUri } from "@sesame/identity/apps/app-queries";
import { seedOrganization } from "@sesame/identity/demo/organization-seed";
import { registerTestApp } from "@sesame/identity/oauth/testing/oauth-fixtures";
import { testTargets } from "@sesame/kit/db/test-databases";
import { decodeJwt } from "jose";
import type { BrowserContext, Page } from "playwright-core";
import { launchChromiumProfile, screenshot } from "../support/chromium";
import { type Stack, startStack } from "../support/servers";
import { type SpaServer, startSpaServer } from "./spa-server";

const [target] = await testTargets();
const email = "claire@spatest.onmicrosoft.com";
const password = "Claire-Secret-123";

interface Outcome {
  result?: { username: string; scopes: string[]; accessToken: string; idToken: string; fromCache: boolean };
  error?: {
    name: string;
    interactionRequired: boolean;
    errorCode: string;
    subError: string;
    message: string;
  };
}

type SpaWindow = Window & {
  spa: {
    ready?: boolean;
    redirectResult?: Outcome;
    loginRedirect(scopes: string[]): Promise<void>;
    loginPopup(scopes: string[]): Promise<Outcome>;
    acquireTokenSilent(scopes: string[], forceRefresh?: boolean): Promise<Outcome>;
    acquireTokenPopup(scopes: string[]): Promise<Outcome>;
    ssoSilent(scopes: string[], loginHint: string): Promise<Outcome>;
    logoutRedirect(): Promise<void>;
    me(token: string): Promise<{ status: number; body: Record<string, unknown> }>;
  };
};

/**
 * @azure/msal-browser, unpatched, its published bundle in a page on http://127.0.0.1 (another site
 * than identity's https://localhost), configured as for Entra with identity's authority only. The
 * browser has an ordinary profile: third-party cookies allowed, as ssoSilent needs at Entra too.
 */
describe("msal-browser in a single-page app, against identity", () => {
  let stack: Stack;
  let spaServer: SpaServer;
  let profileDir: string;
  let context: BrowserContext;
  let page: Page;
  let clientId: string;

  before(async () => {
    stack = await startStack(target!);
    const identity = stack.identity;
    const org = await seedOrganization(identity.ctx, {
      displayName: "Cabinet Monopage",
      country: "FR",
      prefix: "spatest",
      users: [{ userName: "claire", displayName: "Claire Martin", password }],
    });
    const tenantId = org.tenant.id;
    spaServer = await startSpaServer((origin) => ({
      clientId,
      authority: `${identity.url}/${tenantId}`,
      knownAuthorities: [new URL(identity.url).host],
      redirectUri: `${origin}/redirect.html`,
      postLogoutRedirectUri: `${origin}/`,
      graph: `${identity.url}/v1.0/me`,
    }));
    const app = await registerTestApp(identity.ctx, {
      tenantId,
      name: "Appli monopage",
      redirect: `${spaServer.origin}/redirect.html`,
      kind: "spa",
    });
    await addRedirectUri(identity.ctx.db, app.app.id, `${spaServer.origin}/`, "spa");
    clientId = app.clientId;
    profileDir = fs.mkdtempSync(path.join(os.tmpdir(), "sesame-spa-browser-"));
    context = await launchChromiumProfile(stack.serverCert, profileDir, "en");
    page = await context.newPage();
  });
  after(async () => {
    await context?.close();
    await spaServer?.close();
    await stack?.close();
    if (profileDir) fs.rmSync(profileDir, { recursive: true, force: true });
  });

  const openApp = async (tab: Page) => {
    await tab.goto(`${spaServer.origin}/`);
    await tab.waitForFunction(() => (window as unknown as SpaWindow).spa?.ready === true);
  };
  const signIn = async (tab: Page, options: { consent: boolean }) => {
    await tab.getByLabel("Email, phone, or Skype").fill(email);
    await tab.getByRole("button", { name: "Next" }).click();
    await tab.getByLabel("Password", { exact: true }).fill(password);
    await tab.getByRole("button", { name: "Sign in" }).click();
    await tab.getByRole("button", { name: "No" }).click();
    if (options.consent) await tab.getByRole("button", { name: "Accept" }).click();
  };

  it("loginRedirect: signs in through identity's pages and lands back on the app with tokens", async () => {
    await openApp(page);
    await page.evaluate(() => {
      void (window as unknown as SpaWindow).spa.loginRedirect(["User.Read"]);
    });
    await page.waitForURL((url) => url.href.startsWith(stack.identity.url));
    await signIn(page, { consent: true });
    await page.waitForURL(`${spaServer.origin}/`);
    await page.waitForFunction(() => (window as unknown as SpaWindow).spa?.ready === true);
    const outcome = await page.evaluate(() => (window as unknown as SpaWindow).spa.redirectResult);
    assert.equal(outcome?.error, undefined, JSON.stringify(outcome?.error));
    assert.equal(outcome?.result?.username, email);
    assert.equal(decodeJwt(String(outcome?.result?.idToken)).aud, clientId);
    assert.match(String(decodeJwt(String(outcome?.result?.accessToken)).scp), /User\.Read/);
  });

  it("acquireTokenSilent: from the cache, then through a cross-origin refresh when forced", async () => {
    const cached = await page.evaluate(() =>
      (window as unknown as SpaWindow).spa.acquireTokenSilent(["User.Read"]),
    );
    assert.equal(cached.error, undefined, JSON.stringify(cached.error));
    assert.equal(cached.result?.fromCache, true);
    const refreshed = await page.evaluate(() =>
      (window as unknown as SpaWindow).spa.acquireTokenSilent(["User.Read"], true),
    );
    assert.equal(refreshed.error, undefined, JSON.stringify(refreshed.error));
    assert.equal(refreshed.result?.fromCache, false);
    assert.notEqual(refreshed.result?.accessToken, cached.result?.accessToken);
    const rows = await stack.identity.ctx.db
      .selectFrom("refresh_token")
      .select(["spa", "created_at", "expires_at"])
      .where("client_id", "=", clientId)
      .execute();
    assert.ok(rows.length >= 2 && rows.every((r) => r.spa === 1));
  });

  it("calls Graph /me with fetch from the page, with its token", async () => {
    const token = await page.evaluate(() =>
      (window as unknown as SpaWindow).spa.acquireTokenSilent(["User.Read"]),
    );
    const me = await page.evaluate(
      (t) => (window as unknown as SpaWindow).spa.me(t),
      String(token.result?.accessToken),
    );
    assert.equal(me.status, 200, JSON.stringify(me.body));
    assert.equal(me.body.userPrincipalName ?? me.body.mail, email);
  });

  it("ssoSilent in a second tab: a hidden cross-site iframe (prompt=none) sees the session", async () => {
    const second = await context.newPage();
    await openApp(second);
    const outcome = await second.evaluate(
      (hint) => (window as unknown as SpaWindow).spa.ssoSilent(["User.Read"], hint),
      email,
    );
    assert.equal(outcome.error, undefined, JSON.stringify(outcome.error));
    assert.equal(outcome.result?.username, email);
    await second.close();
  });

  it("acquireTokenPopup for a new scope after acquireTokenSilent raised InteractionRequiredAuthError", async () => {
    const silent = await page.evaluate(() =>
      (window as unknown as SpaWindow).spa.acquireTokenSilent(["User.ReadBasic.All"]),
    );
    assert.equal(silent.error?.interactionRequired, true, JSON.stringify(silent));
    const popupOpened = context.waitForEvent("page");
    const pending = page.evaluate(() =>
      (window as unknown as SpaWindow).spa.acquireTokenPopup(["User.ReadBasic.All"]),
    );
    const popup = await popupOpened;
    await popup.getByRole("button", { name: "Accept" }).click();
    const outcome = await pending;
    assert.equal(outcome.error, undefined, JSON.stringify(outcome.error));
    assert.match(String(decodeJwt(String(outcome.result?.accessToken)).scp), /User\.ReadBasic\.All/);
  });

  it("logoutRedirect: signs out at identity and lands back on the app; the session is gone", async () => {
    await page.evaluate(() => {
      void (window as unknown as SpaWindow).spa.logoutRedirect();
    });
    await page.waitForURL(`${spaServer.origin}/`);
    await page.waitForFunction(() => (window as unknown as SpaWindow).spa?.ready === true);
    const silent = await page.evaluate(
      (hint) => (window as unknown as SpaWindow).spa.ssoSilent(["User.Read"], hint),
      email,
    );
    assert.equal(silent.error?.interactionRequired, true, JSON.stringify(silent));
    console.log(await screenshot(page, "msal-browser-after-logout"));
  });

  it("loginPopup: signs in again in a popup once signed out", async () => {
    const popupOpened = context.waitForEvent("page");
    const pending = page.evaluate(() => (window as unknown as SpaWindow).spa.loginPopup(["User.Read"]));
    const popup = await popupOpened;
    await signIn(popup, { consent: false });
    const outcome = await pending;
    assert.equal(outcome.error, undefined, JSON.stringify(outcome.error));
    assert.equal(outcome.result?.username, email);
  });
});
