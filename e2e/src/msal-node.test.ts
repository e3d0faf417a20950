import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { GRAPH_APP_ID } from "@sesame/identity/apps/graph-app";
import { assignAppRole } from "@sesame/identity/consent/consent-queries";
import { demoPersonalAccount, seedIdentityDemo } from "@sesame/identity/demo/demo-data";
import { createTestTenant, registerTestApp } from "@sesame/identity/oauth/testing/oauth-fixtures";
import { Browser, type IdentityHarness, startTestIdentity } from "@sesame/identity/testing/identity-harness";
import { testTargets } from "@sesame/kit/db/test-databases";
import { decodeJwt } from "jose";
import type { Browser as Chromium } from "playwright-core";
import { MsalProcess } from "./msal-process-driver";
import { registerAppCertificate } from "./support/app-certificate";
import { expectNoAxeViolations } from "./support/axe";
import { launchChromium, newContext } from "./support/chromium";

const [target] = await testTargets();
const USER_READ_ALL = "df021288-bdef-4463-88db-98f22de89214";

describe("MSAL Node obtains tokens from identity over verified HTTPS", () => {
  let h: IdentityHarness;
  let tenantId: string;
  let client: Awaited<ReturnType<typeof registerTestApp>>;
  let host: string;
  let dir: string;
  const scenario = (kind: string, extra: Record<string, unknown> = {}) => ({
    kind,
    authority: `${h.identity.url}/${tenantId}`,
    knownAuthority: host,
    clientId: client.clientId,
    scopes: ["https://graph.microsoft.com/.default"],
    ...extra,
  });

  before(async () => {
    h = await startTestIdentity(target!, { listen: true });
    await seedIdentityDemo(h.identity.ctx);
    host = new URL(h.identity.url).host;
    tenantId = await createTestTenant(h.identity.ctx);
    client = await registerTestApp(h.identity.ctx, { tenantId, redirect: "https://app.example/callback" });
    await assignAppRole(h.identity.ctx.db, {
      clientAppId: client.clientId,
      resourceAppId: GRAPH_APP_ID,
      tenantId,
      appRoleId: USER_READ_ALL,
    });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "sesame-msal-"));
  });
  after(async () => {
    await h.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("client credentials with a secret", async () => {
    const { result, error } = await new MsalProcess(
      scenario("client-secret", { clientSecret: client.secret }),
      h.identity.caFile,
    ).outcome();
    assert.equal(error, undefined, JSON.stringify(error));
    const claims = decodeJwt(String(result?.accessToken));
    assert.equal(claims.aud, GRAPH_APP_ID);
    assert.equal(claims.tid, tenantId);
    assert.equal(claims.azp, client.clientId);
    assert.equal(claims.azpacr, "1");
    assert.deepEqual(claims.roles, ["User.Read.All"]);
    assert.equal(claims.iss, `${h.identity.url}/${tenantId}/v2.0`);
  });

  it("client credentials with a certificate assertion", async () => {
    const { cert, keyPem } = await registerAppCertificate(h.identity.ctx, client.app.id, dir, "msal-node");
    const thumbprintSha256 = createHash("sha256").update(cert.raw).digest("hex");
    const { result, error } = await new MsalProcess(
      scenario("client-certificate", {
        certificate: { thumbprintSha256, privateKey: keyPem },
      }),
      h.identity.caFile,
    ).outcome();
    assert.equal(error, undefined, JSON.stringify(error));
    assert.equal(decodeJwt(String(result?.accessToken)).azpacr, "2");
  });

  it("refuses a wrong secret with Microsoft's AADSTS7000215", async () => {
    const { error } = await new MsalProcess(
      scenario("client-secret", { clientSecret: "not-the-secret" }),
      h.identity.caFile,
    ).outcome();
    assert.match(String(error?.message), /AADSTS7000215/);
  });

  it("device code: the user enters the code on /devicelogin after signing in", async () => {
    const msal = new MsalProcess(
      { ...scenario("device-code"), authority: `${h.identity.url}/common`, scopes: ["User.Read"] },
      h.identity.caFile,
    );
    const prompt = await msal.next();
    assert.equal(prompt.verificationUri, `${h.identity.url}/devicelogin`);
    const browser = new Browser(h.app);
    const login = await browser.get("/devicelogin");
    assert.match(String(login.headers.location), /^\/login\?return=/);
    await browser.get(String(login.headers.location));
    await browser.post("/login", { email: demoPersonalAccount.email, return: "/devicelogin" });
    let done = await browser.post("/login/password", {
      email: demoPersonalAccount.email,
      password: demoPersonalAccount.password,
      return: "/devicelogin",
    });
    if (done.statusCode === 200) {
      const sid = /name="sid" value="([^"]+)"/.exec(done.body)?.[1] ?? "";
      done = await browser.post("/login/kmsi", { return: "/devicelogin", sid, answer: "no" });
    }
    await browser.get("/devicelogin");
    const consent = await browser.post("/devicelogin", { code: String(prompt.userCode) });
    assert.match(consent.body, /Accepter/);
    const approved = await browser.post("/devicelogin/confirm", {
      request: String(prompt.userCode),
      decision: "accept",
    });
    assert.match(approved.body, /Vous êtes connecté/);
    const { result, error } = await msal.outcome();
    assert.equal(error, undefined, JSON.stringify(error));
    assert.equal(result?.username, demoPersonalAccount.email);
    assert.equal(decodeJwt(String(result?.accessToken)).scp, "User.Read openid profile");
  });

  describe("authorization code with PKCE through the real pages in Chromium", () => {
    let chromium: Chromium;
    before(async () => {
      chromium = await launchChromium(
        fs.readFileSync(path.join(path.dirname(h.identity.caFile), "server.pem"), "utf8"),
      );
    });
    after(() => chromium?.close());

    it("signs in, consents, redeems the code, then refreshes through acquireTokenSilent", async () => {
      const web = await registerTestApp(h.identity.ctx, {
        tenantId,
        name: "Appli web",
        redirect: "https://app.example/callback",
      });
      const msal = new MsalProcess(
        {
          ...scenario("auth-code"),
          clientId: web.clientId,
          authority: `${h.identity.url}/common`,
          scopes: ["User.Read"],
          clientSecret: web.secret,
          redirectUri: web.redirect,
        },
        h.identity.caFile,
      );
      const { authorizeUrl } = (await msal.next()) as { authorizeUrl: string };
      const context = await newContext(chromium, "fr");
      const page = await context.newPage();
      let redirected = "";
      await page.route("https://app.example/**", async (route) => {
        redirected = route.request().url();
        await route.fulfill({ status: 200, contentType: "text/plain", body: "ok" });
      });
      await page.goto(authorizeUrl);
      await page
        .getByLabel("Adresse courriel, téléphone ou identifiant Skype")
        .fill(demoPersonalAccount.email);
      await page.getByRole("button", { name: "Suivant" }).click();
      await page.getByLabel("Mot de passe", { exact: true }).fill(demoPersonalAccount.password);
      await page.getByRole("button", { name: "Se connecter" }).click();
      await page.getByRole("button", { name: "Non" }).click();
      await page.getByRole("button", { name: "Accepter" }).waitFor();
      assert.match(await page.content(), /Vous connecter et lire votre profil/);
      await expectNoAxeViolations(page, "consent page");
      await page.getByRole("button", { name: "Accepter" }).click();
      // Anchored: the authorize URL itself contains redirect_uri=https://app.example/…
      await page.waitForURL(/^https:\/\/app\.example\//);
      const code = new URL(redirected).searchParams.get("code");
      assert.ok(code);
      msal.send({ code });
      const { result, error } = await msal.outcome();
      assert.equal(error, undefined, JSON.stringify(error));
      assert.equal(result?.username, demoPersonalAccount.email);
      assert.match(
        String(result?.homeAccountId),
        /^00000000-0000-0000-[0-9a-f-]+\.9188040d-6c67-4c5b-b112-36a304b66dad$/,
      );
      assert.ok(result?.refreshedAccessToken);
      assert.notEqual(result?.refreshedAccessToken, result?.accessToken);
      assert.equal(result?.refreshedFromCache, false);
      await context.close();
    });

    it("acquireTokenInteractive: the answer reaches MSAL's listener on its ephemeral localhost port", async () => {
      // Registered without a port, as Microsoft's docs advise for desktop apps: the port is ignored.
      const desktop = await registerTestApp(h.identity.ctx, {
        tenantId,
        name: "Appli de bureau",
        redirect: "http://localhost",
        kind: "public",
      });
      const msal = new MsalProcess(
        {
          ...scenario("interactive"),
          clientId: desktop.clientId,
          authority: `${h.identity.url}/common`,
          scopes: ["User.Read"],
        },
        h.identity.caFile,
      );
      const { authorizeUrl } = (await msal.next()) as { authorizeUrl: string };
      const asked = new URL(String(new URL(authorizeUrl).searchParams.get("redirect_uri")));
      assert.equal(asked.hostname, "localhost");
      assert.notEqual(asked.port, "");
      const context = await newContext(chromium, "en");
      const page = await context.newPage();
      await page.goto(authorizeUrl);
      await page.getByLabel("Email, phone, or Skype").fill(demoPersonalAccount.email);
      await page.getByRole("button", { name: "Next" }).click();
      await page.getByLabel("Password", { exact: true }).fill(demoPersonalAccount.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("button", { name: "No" }).click();
      await page.getByRole("button", { name: "Accept" }).click();
      await page.waitForURL((url) => url.origin === asked.origin);
      assert.match(await page.content(), /signed in, you can close this window/);
      const { result, error } = await msal.outcome();
      assert.equal(error, undefined, JSON.stringify(error));
      assert.equal(result?.username, demoPersonalAccount.email);
      assert.equal(decodeJwt(String(result?.accessToken)).scp, "User.Read openid profile");
      await context.close();
    });
  });
});
