import assert from "node:assert/strict";
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import readline from "node:readline";
import { after, before, describe, it } from "node:test";
import { argon2Settings } from "@sesame/identity/accounts/argon2-settings";
import { newAccountRow } from "@sesame/identity/accounts/new-account";
import { hashPassword } from "@sesame/identity/accounts/password-hash";
import { GRAPH_APP_ID } from "@sesame/identity/apps/graph-app";
import { recordUserConsent } from "@sesame/identity/consent/consent-queries";
import { createTestTenant, registerTestApp } from "@sesame/identity/oauth/testing/oauth-fixtures";
import { Browser } from "@sesame/identity/testing/identity-harness";
import { testTargets } from "@sesame/kit/db/test-databases";
import { decodeJwt } from "jose";
import { type Stack, startStack } from "../support/servers";

const [target] = await testTargets();
const PASSWORD = "Lavande-Ecluse-31";

type Line = {
  prompt?: { userCode: string; verificationUri: string; message: string };
  result?: { token: string; again: string };
  error?: { name: string; message: string };
};

/** azure-identity-user-client.ts in its own process, trusting identity's CA by NODE_EXTRA_CA_CERTS. */
class AzureIdentityProcess {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly lines: AsyncIterator<string>;
  private stderr = "";
  constructor(scenario: Record<string, unknown>, caFile: string) {
    this.child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        new URL("./azure-identity-user-client.ts", import.meta.url).pathname,
        JSON.stringify(scenario),
      ],
      { env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile } },
    );
    this.child.stderr.on("data", (d) => {
      this.stderr += String(d);
    });
    this.lines = readline.createInterface({ input: this.child.stdout })[Symbol.asyncIterator]();
  }
  async next(): Promise<Line> {
    const line = await this.lines.next();
    if (line.done) throw new Error(`@azure/identity process ended without answer: ${this.stderr}`);
    return JSON.parse(line.value) as Line;
  }
}

describe("@azure/identity user credentials against identity, by configuration only", () => {
  let stack: Stack;
  let tenantId: string;
  let clientId: string;
  const scenario = (extra: Record<string, unknown>) => ({
    authorityHost: stack.identity.url,
    tenantId,
    clientId,
    scope: "https://graph.microsoft.com/User.Read",
    ...extra,
  });
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
          displayName: "Basile Roux",
          emailVerifiedAt: Date.now(),
        }),
      )
      .execute();
    return id;
  };

  before(async () => {
    stack = await startStack(target!);
    tenantId = await createTestTenant(stack.identity.ctx, "Roux");
    ({ clientId } = await registerTestApp(stack.identity.ctx, { tenantId, kind: "public" }));
    const basile = await addWorker("basile@roux.example");
    await recordUserConsent(stack.identity.ctx.db, {
      clientAppId: clientId,
      resourceAppId: GRAPH_APP_ID,
      tenantId,
      principalId: basile,
      scopes: ["openid", "profile", "offline_access", "User.Read"],
    });
    await addWorker("alix@roux.example");
  });
  after(() => stack?.close());

  it("UsernamePasswordCredential gets a Graph token for a work account, then a second one without the user", async () => {
    const { result, error } = await new AzureIdentityProcess(
      scenario({ kind: "username-password", username: "basile@roux.example", password: PASSWORD }),
      stack.identity.caFile,
    ).next();
    assert.equal(error, undefined, JSON.stringify(error));
    const claims = decodeJwt(String(result?.token));
    assert.equal(claims.aud, GRAPH_APP_ID);
    assert.equal(claims.tid, tenantId);
    assert.match(String(claims.scp), /User\.Read/);
    assert.equal(decodeJwt(String(result?.again)).oid, claims.oid, "silently, from its cache");
  });

  it("UsernamePasswordCredential reports a wrong password with AADSTS50126", async () => {
    const { error } = await new AzureIdentityProcess(
      scenario({ kind: "username-password", username: "basile@roux.example", password: "nope" }),
      stack.identity.caFile,
    ).next();
    assert.equal(error?.name, "AuthenticationRequiredError");
    assert.match(String(error?.message), /AADSTS50126/);
  });

  it("DeviceCodeCredential: the person completes /devicelogin", async () => {
    const client = new AzureIdentityProcess(scenario({ kind: "device-code" }), stack.identity.caFile);
    const { prompt } = await client.next();
    assert.equal(prompt?.verificationUri, `${stack.identity.url}/devicelogin`);
    const browser = new Browser(stack.identity.app);
    const first = await browser.get("/devicelogin");
    await browser.get(String(first.headers.location));
    await browser.post("/login", { email: "alix@roux.example", return: "/devicelogin" });
    let done = await browser.post("/login/password", {
      email: "alix@roux.example",
      password: PASSWORD,
      return: "/devicelogin",
    });
    if (done.statusCode === 200) {
      const sid = /name="sid" value="([^"]+)"/.exec(done.body)?.[1] ?? "";
      done = await browser.post("/login/kmsi", { return: "/devicelogin", sid, answer: "no" });
    }
    await browser.get("/devicelogin");
    const consent = await browser.post("/devicelogin", { code: String(prompt?.userCode) });
    assert.match(consent.body, /Accepter/);
    await browser.post("/devicelogin/confirm", { request: String(prompt?.userCode), decision: "accept" });
    const { result, error } = await client.next();
    assert.equal(error, undefined, JSON.stringify(error));
    assert.equal(decodeJwt(String(result?.token)).aud, GRAPH_APP_ID);
    assert.ok(result?.again, "the second getToken needed no second prompt");
  });
});
