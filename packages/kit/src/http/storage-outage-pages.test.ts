import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { storageRetryAfterSeconds } from "../db/storage-unavailable";
import { createTestHttpApp } from "../testing/http-app";

const refused = () =>
  Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });

/** A route whose database is away answers 503 with a time to retry, as a page or as JSON: never a 500. */
describe("kit error pages during a database outage", () => {
  it("answer 503 with Retry-After, in the page's language or as JSON", async () => {
    const app = await createTestHttpApp();
    app.get("/needs-database", async () => {
      throw refused();
    });
    app.get("/bad-query", async () => {
      throw Object.assign(new Error("syntax error"), { code: "42601" });
    });
    await app.ready();

    const page = await app.inject({
      method: "GET",
      url: "/needs-database",
      headers: { "accept-language": "en" },
    });
    assert.equal(page.statusCode, 503);
    assert.equal(page.headers["retry-after"], String(storageRetryAfterSeconds));
    assert.match(String(page.headers["content-type"]), /text\/html/);
    assert.match(page.body, /temporarily unavailable/);
    assert.doesNotMatch(page.body, /ECONNREFUSED|5432/);

    const json = await app.inject({
      method: "GET",
      url: "/needs-database",
      headers: { accept: "application/json" },
    });
    assert.equal(json.statusCode, 503);
    assert.equal(json.headers["retry-after"], String(storageRetryAfterSeconds));
    assert.equal(json.json().error.status, 503);

    const bug = await app.inject({ method: "GET", url: "/bad-query" });
    assert.equal(bug.statusCode, 500, "a failed query is still a 500");
    assert.equal(bug.headers["retry-after"], undefined);
    await app.close();
  });
});
