import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { runCli } from "../cli";
import { type IdentityConfig, loadIdentityConfig } from "../config";
import { clientSecretMatches } from "./client-secret";
import { GRAPH_APP_ID } from "./graph-app";

for (const target of await testTargets()) {
  describe(`sesame app … (${target.label})`, () => {
    let config: IdentityConfig;
    let dataDir: string;
    const run = async (...argv: string[]) => {
      let printed = "";
      const code = await runCli(argv, config, (t) => {
        printed += t;
      });
      return { code, printed, json: () => JSON.parse(printed) };
    };
    before(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sesame-cli-"));
      config = loadIdentityConfig({
        SESAME_DATA_DIR: dataDir,
        DATABASE_URL: await target.freshUrl(),
        SESAME_LOG_LEVEL: "silent",
      });
    });
    after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

    it("takes the home tenant by id or by any verified domain, and stores its id", async () => {
      const org = await run("tenant", "create", "Atelier Domaine", "--country", "FR", "--json");
      const { id, initialDomain } = org.json();
      const byDomain = await run(
        "app",
        "create",
        "--name",
        "Par domaine",
        "--tenant",
        initialDomain,
        "--json",
      );
      assert.equal(byDomain.code, 0);
      assert.equal(byDomain.json().tenant_id, id);
      const byId = await run("app", "create", "--name", "Par id", "--tenant", id, "--json");
      assert.equal(byId.json().tenant_id, id);
      const unknown = await run("app", "create", "--name", "Nulle part", "--tenant", "nowhere.example");
      assert.equal(unknown.code, 2);
      assert.match(unknown.printed, /--tenant/);
    });

    it("registers an application, its redirect URI, a secret shown once and a certificate", async () => {
      const created = await run(
        "app",
        "create",
        "--name",
        "Cabinet test",
        "--audience",
        "AzureADMultipleOrgs",
        "--json",
      );
      assert.equal(created.code, 0);
      const appId: string = created.json().app_id;
      assert.match(appId, /^[0-9a-f-]{36}$/);
      assert.equal((await run("app", "redirect", "add", appId, "https://app.example/cb")).code, 0);
      const secret = await run("app", "secret", "add", appId, "--json");
      const value: string = secret.json().secret;
      assert.ok(value.length >= 40);
      const pemFile = path.join(dataDir, "client.pem");
      execFileSync(
        "openssl",
        [
          "req",
          "-x509",
          "-newkey",
          "rsa:2048",
          "-nodes",
          "-keyout",
          path.join(dataDir, "k.pem"),
          "-out",
          pemFile,
          "-days",
          "2",
          "-subj",
          "/CN=client",
        ],
        { stdio: "ignore" },
      );
      const cert = await run("app", "cert", "add", appId, pemFile, "--json");
      assert.equal(cert.code, 0);
      const shown = (await run("app", "show", appId, "--json")).json();
      assert.deepEqual(shown.redirectUris, [{ uri: "https://app.example/cb", kind: "web" }]);
      assert.equal(shown.secrets.length, 1);
      assert.equal(shown.secrets[0].hint, value.slice(0, 3));
      assert.ok(!JSON.stringify(shown).includes(value), "the secret is never shown again");
      assert.equal(shown.certificates[0].thumbprint, cert.json().thumbprint);
    });

    it("declares a Microsoft Graph permission by its real name", async () => {
      const appId: string = (await run("app", "create", "--name", "Graph reader", "--json")).json().app_id;
      assert.equal(
        (await run("app", "permission", "add", appId, "https://graph.microsoft.com", "--scope", "User.Read"))
          .code,
        0,
      );
      const shown = (await run("app", "show", appId, "--json")).json();
      assert.deepEqual(shown.requiredPermissions, [
        {
          resource_app_id: GRAPH_APP_ID,
          id: "e1fe6dd8-ba31-4d61-89e7-88639da4683d",
          kind: "scope",
          value: "User.Read",
        },
      ]);
    });

    it("lists Microsoft Graph among the applications", async () => {
      const listed = await run("app", "list", "--json");
      assert.ok(listed.json().some((a: { app_id: string }) => a.app_id === GRAPH_APP_ID));
    });

    it("explains mistakes in one line", async () => {
      const missing = await run("app", "secret", "add", "00000000-0000-0000-0000-000000000001");
      assert.equal(missing.code, 2);
      assert.match(missing.printed, /no application with client id/);
      const appId: string = (await run("app", "create", "--name", "X", "--json")).json().app_id;
      const bad = await run("app", "redirect", "add", appId, "http://evil.example/cb");
      assert.equal(bad.code, 2);
      assert.match(bad.printed, /must use https/);
      const audience = await run("app", "create", "--name", "Y", "--audience", "Everyone");
      assert.match(audience.printed, /--audience must be one of/);
    });
  });
}

describe("client secrets", () => {
  it("match only their own hash", async () => {
    const { hashClientSecret } = await import("./client-secret");
    assert.ok(clientSecretMatches("abc8Q~secret", hashClientSecret("abc8Q~secret")));
    assert.ok(!clientSecretMatches("abc8Q~secreT", hashClientSecret("abc8Q~secret")));
  });
});
