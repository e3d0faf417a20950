import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createTestHttpApp } from "../testing/http-app";
import { csrfField } from "../ui/forms";

async function appWithTwoForms() {
  const app = await createTestHttpApp();
  app.get("/page", async (_request, reply) =>
    reply.type("text/html").send(`${csrfField(reply)}${csrfField(reply)}`),
  );
  app.post("/submit", async () => ({ ok: true }));
  await app.ready();
  return app;
}

describe("forms are protected against cross-site requests", () => {
  it("accepts the token of any form on a page seen for the first time", async () => {
    const app = await appWithTwoForms();
    const page = await app.inject({ method: "GET", url: "/page" });
    const tokens = [...page.body.matchAll(/value="([^"]+)"/g)].map((m) => m[1] ?? "");
    const cookie = page.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    assert.equal(page.cookies.length, 1, "one secret cookie");
    for (const token of tokens) {
      const response = await app.inject({
        method: "POST",
        url: "/submit",
        headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
        payload: `_csrf=${encodeURIComponent(token)}`,
      });
      assert.equal(response.statusCode, 200);
    }
    await app.close();
  });

  it("refuses a post without a token, or with one made for another browser", async () => {
    const app = await appWithTwoForms();
    const mine = await app.inject({ method: "GET", url: "/page" });
    const other = await app.inject({ method: "GET", url: "/page" });
    const otherToken = /value="([^"]+)"/.exec(other.body)?.[1] ?? "";
    const cookie = mine.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    for (const payload of ["", `_csrf=${encodeURIComponent(otherToken)}`]) {
      const response = await app.inject({
        method: "POST",
        url: "/submit",
        headers: { cookie, "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
        payload,
      });
      assert.equal(response.statusCode, 403);
    }
    await app.close();
  });
});
