import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createLogger } from "../logging/logger";
import { kitMessages } from "../ui/kit-messages";
import { createHttpApp } from "./create-app";

const appWith = (metricsToken?: string) =>
  createHttpApp({
    service: "test",
    brand: "Test",
    messages: kitMessages,
    logger: createLogger("test", "silent"),
    checkReady: async () => {},
    metricsToken,
  });

/** /metrics tells traffic and internals: not for anyone on the network. */
describe("who may read /metrics", () => {
  it("without a token, only a client on the same machine", async () => {
    const app = await appWith();
    const local = await app.inject({ method: "GET", url: "/metrics", remoteAddress: "127.0.0.1" });
    assert.equal(local.statusCode, 200);
    assert.match(local.body, /http_request_duration_seconds/);
    for (const remoteAddress of ["203.0.113.7", "10.0.0.8", "::ffff:192.0.2.1"]) {
      const remote = await app.inject({ method: "GET", url: "/metrics", remoteAddress });
      assert.equal(remote.statusCode, 404, remoteAddress);
      assert.doesNotMatch(remote.body, /http_request_duration_seconds/);
    }
    await app.close();
  });

  it("with SESAME_METRICS_TOKEN, anyone presenting it as a bearer token, and no one else", async () => {
    const token = "scrape-7f3c9a1e5b2d4086";
    const app = await appWith(token);
    const get = (authorization?: string, remoteAddress = "203.0.113.7") =>
      app.inject({
        method: "GET",
        url: "/metrics",
        remoteAddress,
        headers: authorization ? { authorization } : {},
      });
    assert.equal((await get(`Bearer ${token}`)).statusCode, 200);
    for (const wrong of [undefined, "Bearer nope", `Basic ${token}`, `Bearer ${token}x`]) {
      const response = await get(wrong);
      assert.equal(response.statusCode, 401, String(wrong));
      assert.match(String(response.headers["www-authenticate"]), /^Bearer/);
    }
    assert.equal((await get(undefined, "127.0.0.1")).statusCode, 401, "loopback needs the token too");
    await app.close();
  });
});
