import assert from "node:assert/strict";
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { after, before, describe, it } from "node:test";
import { argon2Settings } from "@sesame/identity/accounts/argon2-settings";
import { newAccountRow } from "@sesame/identity/accounts/new-account";
import { hashPassword } from "@sesame/identity/accounts/password-hash";
import { GRAPH_APP_ID } from "@sesame/identity/apps/graph-app";
import { assignAppRole, recordUserConsent } from "@sesame/identity/consent/consent-queries";
import { createTestTenant, registerTestApp } from "@sesame/identity/oauth/testing/oauth-fixtures";
import { Browser } from "@sesame/identity/testing/identity-harness";
import { testTargets } from "@sesame/kit/db/test-databases";
import { decodeJwt } from "jose";
import { registerAppCertificate } from "../support/app-certificate";
import { type Stack, startStack } from "../support/servers";

const [target] = await testTargets();
const PYTHON = "/usr/bin/python3"; // Debian's, with python3-msal (the pyenv python on PATH has no msal)
const SCRIPT = new URL("./msal_python_client.py", import.meta.url).pathname;
const USER_READ_ALL = "df021288-bdef-4463-88db-98f22de89214";
const PASSWORD = "Sauge-Ardoise-58";

type Answer = Record<string, unknown> & {
  result?: Record<string, Record<string, unknown> | null>;
  error?: { type: string; message: string; cause: string };
};

/** MSAL Python in its own process, exchanging JSON lines with the test. */
class PythonClient {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly lines: AsyncIterator<string>;
  private stderr = "";
  constructor(scenario: Record<string, unknown>) {
    this.child = spawn(PYTHON, [SCRIPT, JSON.stringify(scenario)], {
      env: { PATH: process.env.PATH ?? "", HOME: os.tmpdir() },
    });
    this.child.stderr.on("data", (d) => {
      this.stderr += String(d);
    });
    this.lines = readline.createInterface({ input: this.child.stdout })[Symbol.asyncIterator]();
  }
  async next(): Promise<Answer> {
    const line = await this.lines.next();
    if (line.done) throw new Error(`MSAL Python ended without answer: ${this.stderr}`);
    return JSON.parse(line.value) as Answer;
  }
  send(message: unknown): void {
    this.child.stdin.write(`${JSON.stringify(message)}\n`);
  }
  static async run(scenario: Record<string, unknown>): Promise<Answer> {
    return new PythonClient(scenario).next();
  }
}

/**
 * MSAL Python's ROPC first asks `https://{host}/common/userrealm/…` with the authority's host name
 * but not its port (msal/authority.py `user_realm_discovery`): on 443, as in production, that is
 * identity itself. Here identity listens on a free port, so the test gives MSAL an ordinary HTTPS
 * proxy (requests' `proxies`) that tunnels every connection to identity, whatever port was asked.
 */
function tunnelTo(port: number): Promise<{ url: string; close(): void }> {
  const server = http.createServer((_req, res) => res.writeHead(405).end());
  server.on("connect", (_req, socket, head) => {
    const upstream = net.connect(port, "127.0.0.1", () => {
      socket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on("error", () => socket.destroy());
    socket.on("error", () => upstream.destroy());
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const address = server.address() as net.AddressInfo;
      resolve({ url: `http://127.0.0.1:${address.port}`, close: () => server.close() });
    }),
  );
}

describe("MSAL Python (Debian's python3-msal) against identity, by configuration only", () => {
  let stack: Stack;
  let tenantId: string;
  let authority: string;
  let client: Awaited<ReturnType<typeof registerTestApp>>;
  let dir: string;
  let proxy: Awaited<ReturnType<typeof tunnelTo>>;
  const base = () => ({ authority, ca: stack.identity.caFile, clientId: client.clientId });
  const addWorker = async (email: string) => {
    const ctx = stack.identity.ctx;
    const id = randomUUID();
    await ctx.db
      .insertInto("account")
      .values(
        newAccountRow({
          id,
          tenantId,
          kind: "work",
          email,
          passwordHash: await hashPassword(PASSWORD, argon2Settings(ctx.config)),
          displayName: "Inès Garnier",
          emailVerifiedAt: Date.now(),
        }),
      )
      .execute();
    return id;
  };
  /** A person signing in on identity's own pages (the browser keeps the cookies). */
  const signIn = async (browser: Browser, start: string, email: string) => {
    let page = await browser.get(start);
    while (page.statusCode === 302 && !String(page.headers.location).startsWith("https://app.example"))
      page = await browser.get(String(page.headers.location));
    const returnTo = /name="return" value="([^"]*)"/.exec(page.body)?.[1]?.replaceAll("&amp;", "&") ?? "";
    await browser.post("/login", { email, return: returnTo });
    let done = await browser.post("/login/password", { email, password: PASSWORD, return: returnTo });
    if (done.statusCode === 200) {
      const sid = /name="sid" value="([^"]+)"/.exec(done.body)?.[1] ?? "";
      done = await browser.post("/login/kmsi", { return: returnTo, sid, answer: "no" });
    }
    return done;
  };

  before(async () => {
    stack = await startStack(target!);
    const ctx = stack.identity.ctx;
    tenantId = await createTestTenant(ctx, "Garnier");
    authority = `${stack.identity.url}/${tenantId}`;
    client = await registerTestApp(ctx, { tenantId, redirect: "https://app.example/callback" });
    await assignAppRole(ctx.db, {
      clientAppId: client.clientId,
      resourceAppId: GRAPH_APP_ID,
      tenantId,
      appRoleId: USER_READ_ALL,
    });
    const ines = await addWorker("ines@garnier.example");
    await recordUserConsent(ctx.db, {
      clientAppId: client.clientId,
      resourceAppId: GRAPH_APP_ID,
      tenantId,
      principalId: ines,
      scopes: ["openid", "profile", "offline_access", "User.Read"],
    });
    await addWorker("hugo@garnier.example");
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "sesame-msal-python-"));
    proxy = await tunnelTo(Number(new URL(stack.identity.url).port));
  });
  after(async () => {
    proxy?.close();
    await stack?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("client credentials with a secret", async () => {
    const { result, error } = await PythonClient.run({
      ...base(),
      kind: "client-credentials",
      clientSecret: client.secret,
      scopes: ["https://graph.microsoft.com/.default"],
    });
    assert.equal(error, undefined, JSON.stringify(error));
    const token = result?.token;
    assert.ok(token?.access_token, JSON.stringify(token));
    const claims = decodeJwt(String(token.access_token));
    assert.deepEqual(claims.roles, ["User.Read.All"]);
    assert.equal(claims.azpacr, "1");
  });

  it("client credentials with a certificate", async () => {
    const { cert, keyPem } = await registerAppCertificate(
      stack.identity.ctx,
      client.app.id,
      dir,
      "msal-python",
    );
    const { result, error } = await PythonClient.run({
      ...base(),
      kind: "client-credentials",
      certificate: {
        privateKey: keyPem,
        thumbprint: createHash("sha1").update(cert.raw).digest("hex"),
      },
      scopes: ["https://graph.microsoft.com/.default"],
    });
    assert.equal(error, undefined, JSON.stringify(error));
    assert.ok(result?.token?.access_token, JSON.stringify(result?.token));
    assert.equal(decodeJwt(String(result.token.access_token)).azpacr, "2");
  });

  it("auth code flow through the real pages, then a silent refresh from its serialized cache", async () => {
    const web = await registerTestApp(stack.identity.ctx, {
      tenantId,
      name: "Appli web Python",
      redirect: "https://app.example/callback",
    });
    const msal = new PythonClient({
      ...base(),
      clientId: web.clientId,
      clientSecret: web.secret,
      kind: "auth-code",
      redirectUri: web.redirect,
      scopes: ["User.Read"],
    });
    const { authUri } = (await msal.next()) as { authUri: string };
    const url = new URL(authUri);
    assert.equal(url.origin, stack.identity.url);
    const browser = new Browser(stack.identity.app);
    let page = await signIn(browser, `${url.pathname}${url.search}`, "hugo@garnier.example");
    page = await browser.get(String(page.headers.location));
    assert.match(page.body, /Accepter/);
    const request = /name="request" value="([^"]*)"/.exec(page.body)?.[1]?.replaceAll("&amp;", "&") ?? "";
    const accepted = await browser.post(url.pathname, { request, decision: "accept" });
    const back = new URL(String(accepted.headers.location));
    assert.equal(`${back.origin}${back.pathname}`, web.redirect);
    msal.send(Object.fromEntries(back.searchParams));
    const { result, error } = await msal.next();
    assert.equal(error, undefined, JSON.stringify(error));
    assert.ok(result?.token?.access_token, JSON.stringify(result?.token));
    assert.equal(decodeJwt(String(result.token.id_token)).preferred_username, "hugo@garnier.example");
    assert.ok(result?.refreshed?.access_token, JSON.stringify(result?.refreshed));
    assert.notEqual(result.refreshed.access_token, result.token.access_token);
  });

  it("device code: the person completes /devicelogin", async () => {
    const msal = new PythonClient({ ...base(), kind: "device-code", scopes: ["User.Read"] });
    const { flow } = (await msal.next()) as { flow: Record<string, string> };
    assert.equal(flow.verification_uri, `${stack.identity.url}/devicelogin`);
    const browser = new Browser(stack.identity.app);
    await signIn(browser, "/devicelogin", "ines@garnier.example");
    await browser.get("/devicelogin");
    const consent = await browser.post("/devicelogin", { code: String(flow.user_code) });
    assert.match(consent.body, /Accepter/);
    await browser.post("/devicelogin/confirm", { request: String(flow.user_code), decision: "accept" });
    const { result, error } = await msal.next();
    assert.equal(error, undefined, JSON.stringify(error));
    assert.equal(
      (result?.token?.id_token_claims as Record<string, unknown>)?.preferred_username,
      "ines@garnier.example",
    );
  });

  it("username/password for a work account (ROPC), then a silent refresh from its serialized cache", async () => {
    const { result, error } = await PythonClient.run({
      ...base(),
      kind: "username-password",
      proxy: proxy.url,
      username: "ines@garnier.example",
      password: PASSWORD,
      scopes: ["User.Read"],
    });
    assert.equal(error, undefined, JSON.stringify(error));
    assert.ok(result?.token?.access_token, JSON.stringify(result?.token));
    assert.equal(decodeJwt(String(result.token.access_token)).scp, "User.Read openid profile");
    assert.ok(result?.refreshed?.access_token, JSON.stringify(result?.refreshed));
  });

  it("errors as a client sees them: bad secret, unknown tenant, consent required", async () => {
    const bad = await PythonClient.run({
      ...base(),
      kind: "client-credentials",
      clientSecret: "not-the-secret",
      scopes: ["https://graph.microsoft.com/.default"],
    });
    assert.equal(bad.result?.token?.error, "invalid_client");
    assert.deepEqual(bad.result?.token?.error_codes, [7000215]);

    const unknown = await PythonClient.run({
      ...base(),
      authority: `${stack.identity.url}/no-such-tenant.example`,
      kind: "client-credentials",
      clientSecret: client.secret,
      scopes: ["https://graph.microsoft.com/.default"],
    });
    assert.equal(unknown.error?.type, "ValueError");
    assert.match(String(unknown.error?.cause), /invalid_tenant/);
    assert.match(String(unknown.error?.cause), /AADSTS90002/);

    const consent = await PythonClient.run({
      ...base(),
      kind: "username-password",
      proxy: proxy.url,
      username: "hugo@garnier.example",
      password: PASSWORD,
      scopes: ["User.Read"],
    });
    assert.equal(consent.result?.token?.error, "invalid_grant");
    assert.equal(consent.result?.token?.suberror, "consent_required");
    assert.deepEqual(consent.result?.token?.error_codes, [65001]);
  });
});
