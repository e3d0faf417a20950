import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createTestHttpApp } from "../testing/http-app";

describe("a null character in a request", () => {
  it("is refused with 400 and a message in the reader's language, wherever it hides", async () => {
    const app = await createTestHttpApp();
    let reached = 0;
    app.get("/items/:id", async () => ({ reached: ++reached }));
    app.post("/items", { config: { csrf: false } }, async () => ({ reached: ++reached }));
    await app.ready();
    const cases = [
      { method: "GET" as const, url: "/items/a%00b" },
      { method: "GET" as const, url: "/items/1?q=%00" },
      { method: "GET" as const, url: "/items/1?%00=x" },
      {
        method: "POST" as const,
        url: "/items",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: "name=a%00b",
      },
      {
        method: "POST" as const,
        url: "/items",
        headers: { "content-type": "application/json" },
        payload: JSON.stringify({ nested: [{ name: "a\u0000b" }] }),
      },
    ];
    for (const c of cases) {
      const fr = await app.inject({
        ...c,
        headers: { ...c.headers, accept: "application/json", "accept-language": "fr" },
      });
      assert.equal(fr.statusCode, 400, c.url);
      assert.match(fr.json().error.message, /caractères non autorisés/);
    }
    const en = await app.inject({
      method: "GET",
      url: "/items/1?q=%00",
      headers: { "accept-language": "en" },
    });
    assert.equal(en.statusCode, 400);
    assert.match(en.body, /characters that are not allowed/);
    assert.equal(reached, 0, "no handler ran");
    const fine = await app.inject({ method: "GET", url: "/items/1?q=%C3%A9t%C3%A9" });
    assert.equal(fine.statusCode, 200);
    await app.close();
  });
});
