/**
 * `npm run test:deploy`: the production build behind HAProxy (deploy/haproxy.cfg), two instances of
 * each service on one empty PostgreSQL database and Redis. Password sign-ins, client-credentials
 * tokens and portal pages go through HAProxy while one instance of each service is killed (-9) and
 * restarted: only requests in flight at the kill may fail, and every sign-in that was acknowledged
 * still holds its session afterwards.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { Pool } from "undici";
import { BrowserClient } from "./browser-client";
import { type Deployment, startDeployment } from "./deployment";

const postgres = (await testTargets()).find((t) => t.label === "postgres");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("two instances of each service behind HAProxy", { skip: !postgres && "PostgreSQL absent" }, () => {
  let deployment: Deployment;
  let identity: Pool;
  let portal: Pool;
  before(async () => {
    deployment = await startDeployment({
      databaseUrl: await postgres!.freshUrl(),
      // Its own Redis database, so counters of other runs on this machine never mix with these.
      redisUrl: "redis://127.0.0.1:6379/9",
    });
    identity = new Pool(deployment.identityUrl, { connect: { ca: deployment.ca }, connections: 8 });
    portal = new Pool(deployment.portalUrl, { connect: { ca: deployment.ca }, connections: 4 });
  });
  after(async () => {
    await identity?.close();
    await portal?.close();
    await deployment?.close();
  });

  it("loses nothing but the requests in flight on the killed instances", async () => {
    // HAProxy marks the servers up after two health checks.
    await sleep(1500);
    const failures: { at: number; what: string; error: string }[] = [];
    const sessions: string[] = [];
    let done = 0;
    let running = true;
    const attempt = async (what: string, work: () => Promise<void>) => {
      try {
        await work();
        done++;
      } catch (error) {
        failures.push({ at: Date.now(), what, error: String(error) });
      }
    };
    const tokenForm = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: deployment.daemon.clientId,
      client_secret: deployment.daemon.secret,
      scope: "https://graph.microsoft.com/.default",
    }).toString();
    const workers = [
      async () => {
        while (running) {
          const browser = new BrowserClient(identity);
          await attempt("sign-in", async () => {
            await browser.signIn(deployment.user);
            sessions.push(browser.cookies);
          });
        }
      },
      async () => {
        while (running) {
          await attempt("token", async () => {
            const response = await identity.request({
              method: "POST",
              path: `/${deployment.tenant}/oauth2/v2.0/token`,
              headers: { "content-type": "application/x-www-form-urlencoded" },
              body: tokenForm,
            });
            const body = (await response.body.json()) as { access_token?: string };
            assert.equal(response.statusCode, 200);
            assert.ok(body.access_token);
          });
        }
      },
      async () => {
        while (running) {
          await attempt("portal page", async () => {
            const response = await portal.request({
              method: "GET",
              path: "/",
              headers: { accept: "text/html" },
            });
            await response.body.dump();
            assert.equal(response.statusCode, 200);
          });
          await sleep(20);
        }
      },
    ];
    const clients = [...workers, workers[1]!, workers[2]!];
    const load = Promise.all(clients.map((w) => w()));

    await sleep(3000);
    const killed = deployment.instances.filter((_, i) => i === 0 || i === 2);
    const killedAt = Date.now();
    for (const instance of killed) instance.process.child.kill("SIGKILL");
    await sleep(3000);
    await Promise.all(killed.map((instance) => deployment.start(instance)));
    await sleep(3000);
    running = false;
    await load;

    const lateFailures = failures.filter((f) => f.at > killedAt + 3000 || f.at < killedAt);
    process.stdout.write(
      `# deploy: ${done} requests answered, ${failures.length} failed (${clients.length} clients, one request in flight each at most), ${sessions.length} sign-ins\n`,
    );
    assert.deepEqual(lateFailures, [], "no failure before the kill or once HAProxy saw it");
    // Each client has at most one request in flight: the kill may cost each that one, no more.
    assert.ok(failures.length <= clients.length, `${failures.length} failures: ${JSON.stringify(failures)}`);
    assert.ok(sessions.length > 0 && done > 50, "the load ran");

    // Every acknowledged sign-in is still signed in, on whichever instance answers.
    for (const cookie of sessions) {
      const response = await identity.request({ method: "GET", path: "/account", headers: { cookie } });
      await response.body.dump();
      assert.equal(response.statusCode, 200, "an acknowledged session was lost");
    }
  });
});
