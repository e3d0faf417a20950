import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { createHttpApp } from "@sesame/kit/http/create-app";
import type { FastifyInstance } from "fastify";
import { seedOrganizationsDemo } from "../demo/organizations-demo";
import { messages } from "../i18n/messages";
import { fastArgon2 } from "../tenants/directory-test-support";
import { tenantOfDomain } from "../tenants/tenant-queries";
import { type IdentityHarness, startTestIdentity } from "../testing/identity-harness";
import {
  type ApiCaller,
  LICENCE_REQUEST_ROLE,
  listLicenceRequests,
  registerLicenceRequestApi,
} from "./licence-request-api";

for (const target of await testTargets()) {
  describe(`licence request API for the portal (${target.label})`, () => {
    let h: IdentityHarness;
    let api: FastifyInstance;
    let firmTenant: string;
    let resellerTenant: string;
    before(async () => {
      h = await startTestIdentity(target, { env: fastArgon2 });
      await seedOrganizationsDemo(h.identity.ctx);
      firmTenant = (await tenantOfDomain(h.identity.ctx.db, "ypn-expertise.fr"))?.id ?? "";
      resellerTenant = (await tenantOfDomain(h.identity.ctx.db, "distrilog.onmicrosoft.com"))?.id ?? "";
      // Stand-in for the oauth feature's access-token check: tokens are "caller:<roles>".
      const callers: Record<string, ApiCaller> = {
        portal: {
          appId: "ff28182b-b927-4697-9f0e-3d38e40971a8",
          tenantId: firmTenant,
          roles: [LICENCE_REQUEST_ROLE],
        },
        norole: { appId: "ff28182b-b927-4697-9f0e-3d38e40971a8", tenantId: firmTenant, roles: [] },
      };
      api = await createHttpApp({
        service: "identity",
        brand: "Sésame",
        messages,
        logger: h.identity.ctx.logger,
        checkReady: async () => {},
      });
      registerLicenceRequestApi(api, h.identity.ctx, async (token) => callers[token]);
      await api.ready();
    });
    after(async () => {
      await api.close();
      await h.close();
    });

    const send = (method: "GET" | "POST", url: string, token?: string, payload?: unknown) =>
      api.inject({
        method,
        url,
        headers: { accept: "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        ...(payload ? { payload: payload as Record<string, unknown> } : {}),
      });
    const body = {
      customerName: "Boulangerie Martin",
      contactEmail: "sophie@example.org",
      skuPartNumber: "O365_BUSINESS_ESSENTIALS",
      quantity: 2,
    };

    it("records a request for the firm's reseller and reads it back", async () => {
      const created = await send("POST", "/reseller/api/licence-requests", "portal", body);
      assert.equal(created.statusCode, 201);
      const request = created.json();
      assert.equal(request.status, "received");
      assert.equal(created.headers.location, `/reseller/api/licence-requests/${request.id}`);
      const read = await send("GET", `/reseller/api/licence-requests/${request.id}`, "portal");
      assert.deepEqual(read.json(), request);
      const inbox = await listLicenceRequests(h.identity.ctx.db, resellerTenant);
      assert.deepEqual(
        inbox.map((r) => r.id),
        [request.id],
      );
    });

    it("answers a missing token 401, a client without the app role 403, bad input 400", async () => {
      assert.equal((await send("POST", "/reseller/api/licence-requests", undefined, body)).statusCode, 401);
      const denied = await send("POST", "/reseller/api/licence-requests", "norole", body);
      assert.equal(denied.statusCode, 403);
      assert.equal(denied.json().error.code, "Authorization_RequestDenied");
      const bad = await send("POST", "/reseller/api/licence-requests", "portal", { ...body, quantity: 0 });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.json().error.message, /quantity/);
      const unknown = await send("POST", "/reseller/api/licence-requests", "portal", {
        ...body,
        skuPartNumber: "NOPE",
      });
      assert.equal(unknown.statusCode, 400);
      assert.equal((await send("GET", "/reseller/api/licence-requests/nope", "portal")).statusCode, 404);
    });
  });
}
