import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { createTestHttpApp } from "../testing/http-app";

describe("route input is parsed by its zod schema", () => {
  it("a query that fits arrives typed; one that does not is a 400 in words", async () => {
    const app = await createTestHttpApp();
    app
      .withTypeProvider<ZodTypeProvider>()
      .get(
        "/sum",
        { schema: { querystring: z.object({ a: z.coerce.number().int(), b: z.coerce.number().int() }) } },
        async (request) => ({ sum: request.query.a + request.query.b }),
      );
    const ok = await app.inject({ url: "/sum?a=2&b=3" });
    assert.equal(ok.statusCode, 200);
    assert.deepEqual(ok.json(), { sum: 5 });
    const bad = await app.inject({ url: "/sum?a=two&b=3", headers: { "accept-language": "en" } });
    assert.equal(bad.statusCode, 400);
    assert.match(String(bad.headers["content-type"]), /text\/html/);
    await app.close();
  });
});
