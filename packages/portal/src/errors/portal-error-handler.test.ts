import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { storageRetryAfterSeconds } from "@sesame/kit/db/storage-unavailable";
import { testTargets } from "@sesame/kit/db/test-databases";
import type { FastifyInstance } from "fastify";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { buildPortalApp } from "../app";
import type { Staff } from "../firms/firm-queries";
import type { PortalDB } from "../storage/schema";
import {
  PortalBrowser,
  type PortalHarness,
  pageText,
  seedTestFirm,
  startTestPortal,
} from "../testing/portal-harness";

const [target] = await testTargets();

describe("the portal's answers when something goes wrong", () => {
  let h: PortalHarness;
  let down: FastifyInstance;
  let pool: pg.Pool;
  let admin: Staff;
  before(async () => {
    if (!target) throw new Error("no test database");
    h = await startTestPortal(target);
    ({ admin } = await seedTestFirm(h.ctx));
    // The same portal with its database gone: nothing listens on port 1.
    pool = new pg.Pool({
      connectionString: "postgres://postgres@127.0.0.1:1/none",
      connectionTimeoutMillis: 2000,
    });
    pool.on("error", () => {});
    const db = new Kysely<PortalDB>({ dialect: new PostgresDialect({ pool }) });
    down = await buildPortalApp({ ...h.ctx, db });
  });
  after(async () => {
    await down.close();
    await h.close();
  });

  it("a page asked during a database outage is a 503 page with Retry-After, in the user's language", async () => {
    const response = await down.inject({ url: "/YPN/dossiers", headers: { "accept-language": "en" } });
    assert.equal(response.statusCode, 503);
    assert.equal(response.headers["retry-after"], String(storageRetryAfterSeconds));
    assert.match(String(response.headers["content-type"]), /text\/html/);
    assert.match(pageText(response.body), /temporarily unavailable/);
  });

  it("the live readiness check, called by a script, gets the same 503 as JSON", async () => {
    const response = await down.inject({ url: "/YPN/readiness?email=a%40b.fr" });
    assert.equal(response.statusCode, 503);
    assert.equal(response.headers["retry-after"], String(storageRetryAfterSeconds));
    assert.match(response.json().error.message, /momentanément indisponible/);
  });

  it("a form body that does not fit its schema is a 400 page in the user's language, not a 500", async () => {
    const response = await h.app.inject({
      method: "POST",
      url: "/YPN/dossiers/new",
      headers: { "content-type": "application/x-www-form-urlencoded", "accept-language": "en" },
      payload: "name=a&name=b",
    });
    assert.equal(response.statusCode, 400);
    assert.match(pageText(response.body), /The request is not valid/);
  });

  it("a search longer than the list accepts is a 400 page, not a 500", async () => {
    const browser = new PortalBrowser(h, "en");
    await browser.signInAs(admin);
    const response = await browser.get(`/YPN/dossiers?q=${"a".repeat(101)}`);
    assert.equal(response.statusCode, 400);
    assert.match(pageText(response.body), /The request is not valid/);
  });

  it("an unknown firm is the portal's own 404 page", async () => {
    const response = await h.app.inject({ url: "/ZZZ/dossiers", headers: { "accept-language": "en" } });
    assert.equal(response.statusCode, 404);
    assert.match(pageText(response.body), /firm/i);
  });
});
