import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createTestHttpApp } from "../testing/http-app";

async function appWithPageAndApi() {
  const app = await createTestHttpApp();
  app.get("/page", async (_request, reply) =>
    reply
      .type("text/html")
      .send(`<script nonce="${reply.cspNonce}">1</script><style nonce="${reply.cspNonce}"></style>`),
  );
  app.get("/api", async () => ({ ok: true }));
  await app.ready();
  return app;
}

const csp = (headers: Record<string, unknown>) => String(headers["content-security-policy"]);

describe("security headers", () => {
  it("allow a page's inline script and style by a nonce that changes on every response", async () => {
    const app = await appWithPageAndApi();
    const first = await app.inject({ method: "GET", url: "/page" });
    const second = await app.inject({ method: "GET", url: "/page" });
    const nonce = /nonce="([^"]+)"/.exec(first.body)?.[1] ?? "";
    assert.match(nonce, /^[A-Za-z0-9+/]{22}==$/);
    assert.match(csp(first.headers), new RegExp(`script-src 'self' 'nonce-${nonce.replace(/\+/g, "\\+")}'`));
    assert.match(csp(first.headers), /style-src 'self' 'nonce-/);
    assert.equal(first.body.split(nonce).length, 3, "one nonce per response, however often it is read");
    assert.doesNotMatch(csp(second.headers), new RegExp(nonce.replace(/\+/g, "\\+")));
    await app.close();
  });

  it("allow no inline code at all on a response that asked for no nonce", async () => {
    const app = await appWithPageAndApi();
    const api = await app.inject({ method: "GET", url: "/api" });
    assert.doesNotMatch(csp(api.headers), /nonce/);
    assert.match(csp(api.headers), /script-src 'self';/);
    await app.close();
  });

  it("forbid framing, sniffing and referrers, and pin HTTPS, on pages, JSON, errors and redirects", async () => {
    const app = await appWithPageAndApi();
    for (const url of ["/page", "/api", "/missing", "/_lang?to=en&back=/page"]) {
      const response = await app.inject({ method: "GET", url });
      assert.equal(response.headers["strict-transport-security"], "max-age=31536000; includeSubDomains", url);
      assert.equal(response.headers["x-content-type-options"], "nosniff", url);
      assert.equal(response.headers["x-frame-options"], "DENY", url);
      assert.equal(response.headers["referrer-policy"], "no-referrer", url);
      assert.match(csp(response.headers), /frame-ancestors 'none'/, url);
      assert.match(csp(response.headers), /object-src 'none'/, url);
    }
    await app.close();
  });
});
