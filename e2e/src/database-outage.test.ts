import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { demoPersonalAccount, seedIdentityDemo } from "@sesame/identity/demo/demo-data";
import { Browser, type IdentityHarness, startTestIdentity } from "@sesame/identity/testing/identity-harness";
import { figures, startLoad, timeUntil } from "@sesame/kit/testing/outage-load";
import {
  type PrivatePostgres,
  privatePostgresAvailable,
  startPrivatePostgres,
} from "@sesame/kit/testing/private-postgres";
import { seedPortalDemo } from "@sesame/portal/demo/portal-demo";
import { type PortalHarness, startTestPortal } from "@sesame/portal/testing/portal-harness";
import pg from "pg";

const fast = { SESAME_ARGON2_MEMORY_KIB: "1024", SESAME_ARGON2_TIME_COST: "1" };
/** How long the database stays stopped (SESAME_OUTAGE_SECONDS: 20 for the fault suite's length). */
const outageMs = Number(process.env.SESAME_OUTAGE_SECONDS ?? 3) * 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * PostgreSQL stopped under load, then every connection cut as in a failover: the process lives on,
 * /readyz says 503 within a second, every request answers 503 with Retry-After (never another
 * 5xx), and service resumes by itself within two seconds of the database's return. The database is
 * a private server of this test: the machine's shared one is never stopped.
 */
describe("identity and portal through a PostgreSQL outage", { skip: !privatePostgresAvailable() }, () => {
  let server: PrivatePostgres;
  let h: IdentityHarness;
  let portal: PortalHarness;
  before(async () => {
    server = await startPrivatePostgres();
    const admin = new pg.Client({ connectionString: server.url() });
    await admin.connect();
    await admin.query("create database sesame");
    await admin.end();
    // The documented deployment: both services on one database, a schema each.
    const target = { label: "postgres", freshUrl: async () => server.url("sesame") } as const;
    h = await startTestIdentity(target, { env: fast });
    await seedIdentityDemo(h.identity.ctx);
    portal = await startTestPortal(target);
    await seedPortalDemo(portal.ctx);
  });
  after(async () => {
    await portal?.close();
    await h?.close();
    await server?.destroy();
  });

  function requests() {
    const app = h.app;
    const browser = new Browser(app, "en");
    let csrf = "";
    return {
      async prepare() {
        await browser.get("/login");
        csrf = browser.csrfToken ?? "";
        assert.ok(csrf);
      },
      list: [
        { label: "readyz", send: () => app.inject({ method: "GET", url: "/readyz" }) },
        { label: "portal readyz", send: () => portal.app.inject({ method: "GET", url: "/readyz" }) },
        {
          label: "portal sign-in page",
          send: () => portal.app.inject({ method: "GET", url: "/YPN/signin" }),
        },
        {
          label: "login page",
          send: () => app.inject({ method: "GET", url: "/login?domain_hint=ypn-expertise.fr" }),
        },
        {
          label: "login form",
          send: () => browser.post("/login", { email: demoPersonalAccount.email, _csrf: csrf }),
        },
        {
          label: "dev mail JSON",
          send: () =>
            app.inject({
              method: "GET",
              url: `/_dev/mail?to=${demoPersonalAccount.email}`,
              headers: { accept: "application/json" },
            }),
        },
      ],
    };
  }
  const status = async (app: IdentityHarness["app"], url: string) =>
    (await app.inject({ method: "GET", url })).statusCode;
  const ready = async () =>
    (await status(h.app, "/readyz")) === 200 && (await status(portal.app, "/readyz")) === 200;
  const unready = async () =>
    (await Promise.all([status(h.app, "/readyz"), status(portal.app, "/readyz")])).every((s) => s === 503);
  const serving = async () =>
    (await status(h.app, "/login?domain_hint=ypn-expertise.fr")) === 200 &&
    (await status(portal.app, "/YPN/signin")) === 200;

  it("survives a stop and a restart, answering 503 with Retry-After meanwhile", async (t) => {
    const r = requests();
    await r.prepare();
    const load = startLoad(r.list);
    await sleep(500);
    await server.stop();
    const stoppedAt = Date.now();
    const noticed = await timeUntil(unready, 3000);
    await sleep(outageMs);
    const backAt = Date.now();
    await server.start();
    const recovered = await timeUntil(async () => (await ready()) && (await serving()), 10_000);
    await sleep(300);
    await load.stop();

    const during = figures(load.observed, stoppedAt + 1000, backAt);
    const all = figures(load.observed);
    t.diagnostic(
      `stop/start: ${all.requests} requests, ${all.unavailable} answered 503, ${all.otherServerErrors.length} other 5xx; ` +
        `readyz 503 after ${noticed} ms; recovered ${recovered} ms after the database was back`,
    );
    assert.ok(noticed <= 1000, `readyz noticed the outage after ${noticed} ms`);
    assert.deepEqual(all.otherServerErrors, []);
    assert.equal(all.unavailableWithoutRetryAfter, 0);
    assert.ok(during.requests > 0);
    assert.equal(during.unavailable, during.requests, "every request during the outage answers 503");
    assert.ok(recovered <= 2000, `recovered after ${recovered} ms`);
  });

  it("survives every connection being cut (pg_terminate_backend), as in a failover", async (t) => {
    const r = requests();
    await r.prepare();
    const load = startLoad(r.list);
    const admin = new pg.Client({ connectionString: server.url() });
    await admin.connect();
    let worst = 0;
    try {
      for (let round = 0; round < 5; round++) {
        await sleep(300);
        await admin.query(
          "select pg_terminate_backend(pid) from pg_stat_activity where datname = 'sesame' and pid <> pg_backend_pid()",
        );
        worst = Math.max(worst, await timeUntil(async () => (await ready()) && (await serving()), 10_000));
      }
    } finally {
      await admin.end();
    }
    await load.stop();
    const all = figures(load.observed);
    t.diagnostic(
      `5 × pg_terminate_backend: ${all.requests} requests, ${all.unavailable} answered 503, ` +
        `${all.otherServerErrors.length} other 5xx; slowest recovery ${worst} ms`,
    );
    assert.deepEqual(all.otherServerErrors, []);
    assert.equal(all.unavailableWithoutRetryAfter, 0);
    assert.ok(worst <= 2000, `recovered after ${worst} ms`);
  });

  it("says not ready within a second when the server stops answering without closing connections", async (t) => {
    assert.ok(await ready());
    server.freeze();
    let noticed = Number.POSITIVE_INFINITY;
    try {
      noticed = await timeUntil(unready, 3000);
    } finally {
      server.thaw();
    }
    const recovered = await timeUntil(ready, 10_000);
    t.diagnostic(
      `frozen server: readyz 503 after ${noticed} ms; ready again ${recovered} ms after it resumed`,
    );
    assert.ok(noticed <= 1000, `readyz noticed after ${noticed} ms`);
    assert.ok(recovered <= 2000, `ready again after ${recovered} ms`);
  });
});
