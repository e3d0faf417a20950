import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import dgram from "node:dgram";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { type IdentityConfig, loadIdentityConfig } from "../config";
import { translate } from "../i18n/messages";
import { createTestTenant } from "../oauth/testing/oauth-fixtures";
import { type IdentityHarness, startTestIdentity } from "../testing/identity-harness";
import { DirectoryError } from "./directory-error";
import { domainProof } from "./domain-proof";
import { addDomain, verifyDomain } from "./tenant-operations";

const PUBLISHED = "MS=ms12345678";

/** A free UDP port on loopback (dnsmasq also listens on TCP with the same number). */
async function freePort(): Promise<number> {
  const socket = dgram.createSocket("udp4");
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

/** Debian's dnsmasq on loopback, answering only for .fr names: one TXT record, NXDOMAIN otherwise. */
async function startDns(port: number): Promise<ChildProcess> {
  const dns = spawn("/usr/sbin/dnsmasq", [
    `--port=${port}`,
    "--no-daemon",
    "--no-resolv",
    "--no-hosts",
    "--conf-file=/dev/null",
    "--pid-file=",
    "--listen-address=127.0.0.1",
    "--bind-interfaces",
    "--local=/fr/",
    `--txt-record=published.fr,${PUBLISHED}`,
  ]);
  await new Promise<void>((resolve, reject) => {
    dns.once("error", reject);
    dns.stderr?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("started")) resolve();
    });
  });
  return dns;
}

for (const target of await testTargets()) {
  describe(`proving ownership of a domain (${target.label})`, () => {
    let h: IdentityHarness;
    let dns: ChildProcess;
    let tenantId: string;
    let production: IdentityConfig;
    const proof = (config: IdentityConfig, name: string, pasted?: string) =>
      domainProof({ config, db: h.identity.ctx.db }, tenantId, name, pasted);
    const add = (name: string, token?: string) =>
      h.identity.ctx.db.transaction().execute(async (trx) => {
        const domain = await addDomain(trx, tenantId, name, {
          suffix: "onmicrosoft.com",
          consumerDomains: [],
        });
        if (token)
          await trx
            .updateTable("tenant_domain")
            .set({ verification_token: token })
            .where("name", "=", name)
            .execute();
        return domain;
      });

    before(async () => {
      const port = await freePort();
      dns = await startDns(port);
      h = await startTestIdentity(target);
      tenantId = await createTestTenant(h.identity.ctx);
      production = {
        ...h.identity.ctx.config,
        SESAME_ENV: "production",
        SESAME_DNS_SERVERS: [`127.0.0.1:${port}`],
      };
    });
    after(async () => {
      dns.kill();
      await h.close();
    });

    it("verifies a domain whose TXT record is published, by asking DNS", async () => {
      await add("published.fr", PUBLISHED);
      const value = await proof(production, "published.fr");
      const verified = await h.identity.ctx.db
        .transaction()
        .execute((trx) => verifyDomain(trx, tenantId, "published.fr", value));
      assert.ok(verified.verified_at);
    });

    it("in production refuses a pasted value when DNS does not publish it", async () => {
      const added = await add("unpublished.fr");
      await assert.rejects(proof(production, "unpublished.fr", added.verification_token), (error) => {
        assert.ok(error instanceof DirectoryError);
        assert.equal(error.code, "directory.error.txtNotFound");
        assert.match(translate("en")(error.code, error.params), /TXT record/);
        assert.match(translate("fr")(error.code, error.params), /enregistrement TXT/);
        return true;
      });
    });

    it("in development keeps the pasted value as the simulation", async () => {
      const added = await add("simulated.fr");
      const development = { ...h.identity.ctx.config, SESAME_ENV: "development" as const };
      assert.equal(
        await proof(development, "simulated.fr", added.verification_token),
        added.verification_token,
      );
    });

    it("refuses public mail domains, in French and in English", async () => {
      for (const name of ["gmail.com", "yahoo.fr", "orange.fr"]) {
        await assert.rejects(add(name), (error) => {
          assert.ok(error instanceof DirectoryError);
          assert.equal(error.code, "directory.error.domainPublicMail");
          assert.equal(error.statusCode, 400);
          assert.match(translate("en")(error.code, error.params), new RegExp(`${name}.*public mail`));
          assert.match(translate("fr")(error.code, error.params), new RegExp(`${name}.*messagerie publique`));
          return true;
        });
      }
    });
  });
}

describe("the resolvers setting", () => {
  it("takes addresses with or without a port, and names a wrong one", () => {
    const config = loadIdentityConfig({ SESAME_DNS_SERVERS: "127.0.0.1:5353, [::1]:53, 2001:db8::1" });
    assert.deepEqual(config.SESAME_DNS_SERVERS, ["127.0.0.1:5353", "[::1]:53", "2001:db8::1"]);
    assert.throws(() => loadIdentityConfig({ SESAME_DNS_SERVERS: "dns.example" }), /SESAME_DNS_SERVERS/);
  });
});
