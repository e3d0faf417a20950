import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { type TestTarget, testTargets } from "@sesame/kit/db/test-databases";
import SqliteDatabase from "better-sqlite3";
import pg from "pg";
import { Browser, type IdentityHarness } from "../testing/identity-harness";
import { codeFlowHelpers, startCodeFlow, type TestClient } from "./testing/code-flow";

/**
 * On PostgreSQL the service connects as a role of its own (not a superuser), so that the outage
 * below can refuse it connections while the test's administrator connection still works.
 */
function withOwnRole(target: TestTarget): TestTarget {
  if (target.label !== "postgres") return target;
  return {
    label: target.label,
    async freshUrl() {
      const url = new URL(await target.freshUrl());
      const role = `sesame_outage_${randomBytes(4).toString("hex")}`;
      const admin = new pg.Client({ connectionString: url.toString() });
      await admin.connect();
      await admin.query(`create role "${role}" login`);
      await admin.query(`alter database "${url.pathname.slice(1)}" owner to "${role}"`);
      await admin.end();
      url.username = role;
      return url.toString();
    },
  };
}

/** Makes the test's own database refuse service until the returned function is called. */
async function databaseOutage(url: string): Promise<() => Promise<void>> {
  if (url.startsWith("postgres")) {
    const name = new URL(url).pathname.slice(1);
    const adminUrl = new URL(url);
    adminUrl.username = "postgres";
    const admin = new pg.Client({ connectionString: adminUrl.toString() });
    await admin.connect();
    // The service's new connections fail with "too many connections" (53300); its open ones are cut.
    await admin.query(`alter database "${name}" connection limit 0`);
    await admin.query(
      "select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
      [name],
    );
    // pg_terminate_backend only signals: wait until the service's connections are gone, so that none
    // dies after the outage ends, under the first request that follows it.
    for (let waited = 0; waited < 5000; waited += 20) {
      const { rows } = await admin.query<{ n: number }>(
        "select count(*)::int as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
        [name],
      );
      if (rows[0]?.n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return async () => {
      await admin.query(`alter database "${name}" connection limit -1`);
      await admin.end();
    };
  }
  // SQLite: another process holds the write lock past busy_timeout (SQLITE_BUSY).
  const file = path.join(url.slice("sqlite:".length), "identity.sqlite");
  const other = new SqliteDatabase(file);
  other.exec("begin exclusive");
  return async () => {
    other.exec("rollback");
    other.close();
  };
}

for (const target of await testTargets()) {
  describe(`the token endpoint's errors (${target.label})`, () => {
    let h: IdentityHarness;
    let client: TestClient;
    const { token, signInAndGetCode, redeem } = codeFlowHelpers(() => ({ h, client }));
    before(async () => {
      ({ h, client } = await startCodeFlow(withOwnRole(target)));
    });
    after(async () => {
      const url = new URL(String(h.identity.ctx.config.DATABASE_URL));
      await h.close();
      if (target.label !== "postgres") return;
      // The role is cluster-wide: hand its database back and drop it.
      const role = url.username;
      url.username = "postgres";
      const admin = new pg.Client({ connectionString: url.toString() });
      await admin.connect();
      await admin.query(`alter database "${url.pathname.slice(1)}" owner to postgres`);
      await admin.query(`reassign owned by "${role}" to postgres`);
      await admin.query(`drop owned by "${role}"`);
      await admin.end();
      const cluster = new pg.Client({ connectionString: url.toString().replace(/\/[^/]*$/, "/postgres") });
      await cluster.connect();
      await cluster.query(`drop role "${role}"`);
      await cluster.end();
    });

    it("answers a database outage with 503, Retry-After and Entra's JSON error, then recovers", async () => {
      const { code } = await signInAndGetCode(new Browser(h.app));
      const restore = await databaseOutage(String(h.identity.ctx.config.DATABASE_URL));
      let during: Awaited<ReturnType<typeof redeem>> & { retryAfter?: string };
      try {
        const r = await h.app.inject({
          method: "POST",
          url: "/common/oauth2/v2.0/token",
          payload: new URLSearchParams({
            grant_type: "authorization_code",
            client_id: client.clientId,
            client_secret: client.secret,
            code,
            redirect_uri: client.redirect,
            code_verifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
          }).toString(),
          headers: { "content-type": "application/x-www-form-urlencoded" },
        });
        during = { status: r.statusCode, json: r.json(), retryAfter: String(r.headers["retry-after"]) };
      } finally {
        await restore();
      }
      assert.equal(during.status, 503, JSON.stringify(during.json));
      assert.equal(during.retryAfter, "5");
      assert.equal(during.json.error, "temporarily_unavailable");
      assert.deepEqual(during.json.error_codes, [90033]);
      assert.match(during.json.error_description, /^AADSTS90033: .*\r\nTrace ID: /s);
      for (const field of ["timestamp", "trace_id", "correlation_id", "error_uri"])
        assert.ok(during.json[field]);
      const afterwards = await redeem(code);
      assert.equal(afterwards.status, 200, "the code was not consumed by the failed attempt");
    });

    it("answers a malformed parameter with Entra's JSON error, not a page", async () => {
      const r = await h.app.inject({
        method: "POST",
        url: "/common/oauth2/v2.0/token",
        payload: "grant_type=authorization_code&grant_type=refresh_token",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
      assert.equal(r.statusCode, 400);
      assert.match(String(r.headers["content-type"]), /application\/json/);
      assert.equal(r.json().error, "invalid_request");
      assert.deepEqual(r.json().error_codes, [9002313]);
    });

    it("names the missing parameter of the grant (AADSTS900144)", async () => {
      const noCode = await token({
        grant_type: "authorization_code",
        client_id: client.clientId,
        redirect_uri: client.redirect,
      });
      assert.deepEqual(noCode.json.error_codes, [900144]);
      assert.match(noCode.json.error_description, /'code'/);
      const emptyRefresh = await token({
        grant_type: "refresh_token",
        client_id: client.clientId,
        refresh_token: "",
      });
      assert.match(emptyRefresh.json.error_description, /'refresh_token'/);
      const device = await token({ grant_type: "device_code", client_id: client.clientId });
      assert.match(device.json.error_description, /'device_code'/);
      const password = await token({ grant_type: "password", client_id: client.clientId, password: "x" });
      assert.match(password.json.error_description, /'username'/);
      const unknown = await token({
        grant_type: "urn:ietf:params:oauth:grant-type:saml1_1-bearer",
        client_id: client.clientId,
      });
      assert.deepEqual(unknown.json.error_codes, [70003]);
    });
  });
}
