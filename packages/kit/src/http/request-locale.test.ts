import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { localeCookie } from "../i18n/i18n";
import { createTestHttpApp } from "../testing/http-app";

/** The language is worked out when a page first reads it (create-app.ts), not by a hook of every request. */
describe("a request's language", () => {
  it("is the remembered choice, else the browser's, else French, and a handler's choice wins", async () => {
    const app = await createTestHttpApp();
    app.get("/lang", async (request) => ({ locale: request.locale }));
    app.get("/chosen", async (request) => {
      request.locale = "en";
      return { locale: request.locale };
    });
    await app.ready();
    const lang = async (url: string, headers: Record<string, string>) =>
      (await app.inject({ method: "GET", url, headers })).json().locale;
    assert.equal(await lang("/lang", {}), "fr");
    assert.equal(await lang("/lang", { "accept-language": "de-DE, en;q=0.8, fr;q=0.5" }), "en");
    assert.equal(await lang("/lang", { "accept-language": "en", cookie: `${localeCookie}=fr` }), "fr");
    assert.equal(await lang("/chosen", { "accept-language": "fr" }), "en");
    await app.close();
  });
});
