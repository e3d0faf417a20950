import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fuzzRoutes, routesOf } from "./fuzz-routes";
import { createTestHttpApp } from "./http-app";

async function appWithFlaws() {
  const app = await createTestHttpApp();
  app.get("/sound/:id", async () => ({ ok: true }));
  // Fails on any query value that is not plain digits: the kind of crash the fuzzer exists to find.
  app.get("/fragile", async (request) => {
    for (const value of Object.values(request.query as Record<string, unknown>))
      if (typeof value === "string" && !/^\d*$/.test(value)) throw new Error("unexpected input");
    return { ok: true };
  });
  // Writes the query back into HTML without escaping it.
  app.get("/echo", async (request, reply) =>
    reply
      .type("text/html")
      .send(`<p>${Object.values(request.query as Record<string, string>).join(" ")}</p>`),
  );
  app.post("/forms/:id/save", { config: { csrf: false } }, async () => ({ ok: true }));
  await app.ready();
  return app;
}

describe("the route fuzzer", () => {
  it("reads every method and full path from the app's route table", async () => {
    const app = await appWithFlaws();
    const routes = routesOf(app).map((r) => `${r.method} ${r.path}`);
    for (const expected of [
      "GET /sound/:id",
      "GET /fragile",
      "GET /echo",
      "POST /forms/:id/save",
      "GET /healthz",
    ])
      assert.ok(routes.includes(expected), `${expected} in ${routes.join(", ")}`);
    assert.ok(!routes.some((r) => r.startsWith("HEAD ")));
    await app.close();
  });

  it("reports a route that answers 500 and one that reflects a script, and only those", async () => {
    const app = await appWithFlaws();
    const failures = await fuzzRoutes(app, routesOf(app), { cases: 40 });
    const failing = new Set(failures.map((f) => f.url.split("?")[0]));
    assert.deepEqual([...failing].sort(), ["/echo", "/fragile"]);
    assert.ok(failures.some((f) => f.status === 500));
    assert.ok(failures.some((f) => f.status === 200 && f.url.startsWith("/echo")));
    await app.close();
  });
});
