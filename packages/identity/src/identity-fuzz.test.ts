import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import {
  describeFailures,
  type FuzzOptions,
  fuzzRoutes,
  HOSTILE_VALUES,
  routesOf,
} from "@sesame/kit/testing/fuzz-routes";
import {
  type AdminConsentWorld,
  people,
  signedIn,
  startAdminConsentWorld,
} from "./admin-consent/admin-consent-test-support";
import { CONSUMER_TENANT_ID } from "./config";
import { demoPersonalAccount } from "./demo/demo-data";

/** docs/product-rules.md#fuzzing: hostile input on every identity endpoint gets an answer below 500 that reflects no script, on both stores. */
for (const target of await testTargets()) {
  describe(`every identity endpoint under hostile input (${target.label})`, () => {
    let w: AdminConsentWorld;
    let params: FuzzOptions["params"];
    before(async () => {
      w = await startAdminConsentWorld(target);
      const real = [
        w.tenantId,
        CONSUMER_TENANT_ID,
        "common",
        "organizations",
        "consumers",
        "boulangerie-martin.fr",
      ];
      params = {
        tenant: [...real, ...real, ...HOSTILE_VALUES],
        user: [people.globalAdmin.email, demoPersonalAccount.email, ...HOSTILE_VALUES],
        id: [w.tenantId, w.reporting.clientId, ...HOSTILE_VALUES],
      };
    });
    after(() => w.close());

    it("fuzzes a route table that has every service's endpoints", () => {
      const paths = new Set(routesOf(w.h.app).map((r) => `${r.method} ${r.path}`));
      for (const expected of [
        "POST /:tenant/oauth2/v2.0/token",
        "GET /:tenant/oauth2/authorize",
        "GET /:tenant/v2.0/adminconsent",
        "POST /signup/email",
        "POST /login/password",
        "GET /v1.0/users/:id",
      ])
        assert.ok(paths.has(expected), `${expected} in ${[...paths].join(", ")}`);
    });

    it("answers a signed-out browser below 500, reflecting no script", async () => {
      const failures = await fuzzRoutes(w.h.app, routesOf(w.h.app), { params, seed: 1 });
      assert.equal(failures.length, 0, describeFailures(failures));
    });

    it("answers the Global Administrator's signed-in browser, CSRF token included, below 500, reflecting no script", async () => {
      const sophie = await signedIn(w.h, people.globalAdmin);
      await sophie.get("/admin/users");
      const failures = await fuzzRoutes(w.h.app, routesOf(w.h.app), {
        params,
        seed: 2,
        cookie: sophie.cookieHeader,
        ...(sophie.csrfToken ? { csrf: sophie.csrfToken } : {}),
      });
      assert.equal(failures.length, 0, describeFailures(failures));
    });
  });
}
