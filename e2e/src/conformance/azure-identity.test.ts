import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { GRAPH_APP_ID } from "@sesame/identity/apps/graph-app";
import { assignAppRole } from "@sesame/identity/consent/consent-queries";
import { demoPersonalAccount, seedIdentityDemo } from "@sesame/identity/demo/demo-data";
import { createTestTenant, registerTestApp } from "@sesame/identity/oauth/testing/oauth-fixtures";
import { type IdentityHarness, startTestIdentity } from "@sesame/identity/testing/identity-harness";
import { testTargets } from "@sesame/kit/db/test-databases";
import { decodeJwt } from "jose";
import { registerAppCertificate } from "../support/app-certificate";
import { launchChromium, newContext } from "../support/chromium";
import { ClientProcess } from "../support/client-process";
import { handedUrl, systemBrowser } from "./system-browser";

const [target] = await testTargets();
const USER_READ_ALL = "df021288-bdef-4463-88db-98f22de89214";
const script = new URL("./azure-identity-process.ts", import.meta.url);

describe("@azure/identity credentials against identity (authorityHost, instance discovery off)", () => {
  let h: IdentityHarness;
  let tenantId: string;
  let client: Awaited<ReturnType<typeof registerTestApp>>;
  let dir: string;
  const credential = (kind: string, extra: Record<string, unknown> = {}, env: Record<string, string> = {}) =>
    new ClientProcess(
      script,
      {
        kind,
        authorityHost: h.identity.url,
        tenantId,
        clientId: client.clientId,
        scopes: ["https://graph.microsoft.com/.default"],
        ...extra,
      },
      h.identity.caFile,
      env,
    );

  before(async () => {
    h = await startTestIdentity(target!, { listen: true });
    await seedIdentityDemo(h.identity.ctx);
    tenantId = await createTestTenant(h.identity.ctx);
    client = await registerTestApp(h.identity.ctx, { tenantId, redirect: "https://app.example/callback" });
    await assignAppRole(h.identity.ctx.db, {
      clientAppId: client.clientId,
      resourceAppId: GRAPH_APP_ID,
      tenantId,
      appRoleId: USER_READ_ALL,
    });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "sesame-azid-"));
  });
  after(async () => {
    await h.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("ClientSecretCredential gets an application token for Graph", async () => {
    const { result, error } = await credential("client-secret", { clientSecret: client.secret }).outcome();
    assert.equal(error, undefined, JSON.stringify(error));
    const claims = decodeJwt(String(result?.accessToken));
    assert.equal(claims.aud, GRAPH_APP_ID);
    assert.equal(claims.tid, tenantId);
    assert.equal(claims.azpacr, "1");
    assert.deepEqual(claims.roles, ["User.Read.All"]);
    assert.ok(Number(result?.expiresOnTimestamp) > Date.now());
  });

  it("ClientSecretCredential reports a wrong secret with AADSTS7000215", async () => {
    const { error } = await credential("client-secret", { clientSecret: "not-the-secret" }).outcome();
    // MSAL's ServerError, which @azure/identity wraps as it does for Entra's answer.
    assert.equal(error?.name, "AuthenticationRequiredError");
    assert.match(String(error?.message), /AADSTS7000215/);
  });

  it("ClientSecretCredential reports an unknown tenant as unavailable (discovery answers AADSTS90002)", async () => {
    const { error } = await credential("client-secret", {
      clientSecret: client.secret,
      tenantId: "inconnu.onmicrosoft.com",
    }).outcome();
    // MSAL cannot resolve the tenant's endpoints; @azure/identity calls the credential unavailable.
    assert.equal(error?.name, "CredentialUnavailableError");
    assert.match(String(error?.message), /endpoints_resolution_error/);
  });

  it("ClientCertificateCredential signs its assertion with the certificate's key (azpacr 2)", async () => {
    const { keyPem, certFile } = await registerAppCertificate(
      h.identity.ctx,
      client.app.id,
      dir,
      "azure-identity",
    );
    // The credential reads one PEM file holding both, as `az ad sp create-for-rbac --create-cert` writes it.
    const bundle = path.join(dir, "bundle.pem");
    fs.writeFileSync(bundle, keyPem + fs.readFileSync(certFile, "utf8"));
    const { result, error } = await credential("client-certificate", { certificatePath: bundle }).outcome();
    assert.equal(error, undefined, JSON.stringify(error));
    assert.equal(decodeJwt(String(result?.accessToken)).azpacr, "2");
  });

  it("InteractiveBrowserCredential: the system browser signs in and the answer reaches its localhost listener", async () => {
    const desktop = await registerTestApp(h.identity.ctx, {
      tenantId,
      name: "Outil en ligne de commande",
      redirect: "http://localhost",
      kind: "public",
    });
    const browser = systemBrowser(dir);
    const process = credential(
      "interactive-browser",
      { clientId: desktop.clientId, tenantId: "common", scopes: ["User.Read"] },
      browser.env,
    );
    const authorizeUrl = await handedUrl(browser.log);
    const chromium = await launchChromium(
      fs.readFileSync(path.join(path.dirname(h.identity.caFile), "server.pem"), "utf8"),
    );
    try {
      const page = await (await newContext(chromium, "en")).newPage();
      await page.goto(authorizeUrl);
      await page.getByLabel("Email, phone, or Skype").fill(demoPersonalAccount.email);
      await page.getByRole("button", { name: "Next" }).click();
      await page.getByLabel("Password", { exact: true }).fill(demoPersonalAccount.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("button", { name: "No" }).click();
      // The answer goes to the credential's listener on http://localhost:<port>, which closes once it
      // has the code: the page itself may then fail to load, so the request is what is awaited.
      const answered = page.waitForRequest((r) => r.url().startsWith("http://localhost:"));
      await page.getByRole("button", { name: "Accept" }).click();
      assert.match((await answered).url(), /[?&]code=/);
    } finally {
      await chromium.close();
    }
    const { result, error } = await process.outcome();
    assert.equal(error, undefined, JSON.stringify(error));
    const claims = decodeJwt(String(result?.accessToken));
    assert.equal(claims.scp, "User.Read openid profile");
    assert.equal(claims.aud, GRAPH_APP_ID);
  });
});
