import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { commonConfigSchema } from "../config/common-config";
import { loadConfig } from "../config/load-config";
import { createTestHttpApp } from "../testing/http-app";

const fromBalancer = { remoteAddress: "127.0.0.1", headers: { "x-forwarded-for": "203.0.113.9" } };

describe("the client behind a load balancer", () => {
  it("is the connection's peer unless the balancer is trusted", async () => {
    const app = await createTestHttpApp();
    app.get("/ip", async (request) => request.ip);
    assert.equal((await app.inject({ url: "/ip", ...fromBalancer })).body, "127.0.0.1");
  });

  it("is the address the trusted balancer forwards", async () => {
    const { SESAME_TRUSTED_PROXIES } = loadConfig(commonConfigSchema, {
      SESAME_TRUSTED_PROXIES: "127.0.0.1, ::1",
    });
    const app = await createTestHttpApp({ trustedProxies: SESAME_TRUSTED_PROXIES });
    app.get("/ip", async (request) => request.ip);
    assert.equal((await app.inject({ url: "/ip", ...fromBalancer })).body, "203.0.113.9");
  });

  it("refuses a setting that is not a list of addresses", () => {
    assert.throws(() => loadConfig(commonConfigSchema, { SESAME_TRUSTED_PROXIES: "haproxy" }), /CIDR/);
  });
});
