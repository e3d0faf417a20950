import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { type SeededOrganization, seedOrganization } from "../demo/organization-seed";
import { keyEncryptionKey } from "../keys/key-encryption";
import { TokenSigner } from "../keys/token-signer";
import { appAccessClaims } from "../oauth/token-claims";
import type { IdentityDB } from "../storage/schema";
import { fastArgon2 } from "../tenants/directory-test-support";
import { type IdentityHarness, startTestIdentity } from "../testing/identity-harness";
import { GRAPH_APP_ID } from "./graph-token";

const [target] = await testTargets();

describe("Graph's errors, in OData form from one handler", () => {
  let h: IdentityHarness;
  let org: SeededOrganization;
  let token: string;
  before(async () => {
    if (!target) throw new Error("no storage target");
    h = await startTestIdentity(target, { env: fastArgon2 });
    org = await seedOrganization(h.identity.ctx, {
      displayName: "Mercerie Test",
      country: "FR",
      prefix: "mercerietest",
      users: [
        {
          userName: "ga",
          displayName: "Gil Admin",
          password: "Ga-Secret-1234",
          roles: ["globalAdministrator"],
        },
      ],
    });
    const signer = new TokenSigner(h.identity.ctx.db, keyEncryptionKey(h.identity.ctx.config));
    token = await signer.sign(
      appAccessClaims({
        version: "1",
        origin: h.identity.ctx.origin,
        tid: org.tenant.id,
        clientId: "ff28182b-b927-4697-9f0e-3d38e40971a8",
        clientObjectId: "5f3c0a43-0000-4000-8000-000000000001",
        clientAuth: "1",
        resourceAppId: GRAPH_APP_ID,
        resourceRequested: "https://graph.microsoft.com",
        roles: ["User.ReadWrite.All"],
      }),
    );
  });
  after(() => h.close());

  const odataShape = (body: { error: Record<string, unknown> }) => {
    assert.equal(typeof body.error.code, "string");
    assert.equal(typeof body.error.message, "string");
    assert.deepEqual(Object.keys(body.error.innerError as object), [
      "date",
      "request-id",
      "client-request-id",
    ]);
  };

  it("answers a body that does not fit with Request_BadRequest naming the field", async () => {
    const response = await h.app.inject({
      method: "PATCH",
      url: `/v1.0/users/${org.users.get("ga")?.id}`,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      payload: { accountEnabled: "yes" },
    });
    assert.equal(response.statusCode, 400);
    odataShape(response.json());
    assert.equal(response.json().error.code, "Request_BadRequest");
    assert.match(response.json().error.message, /accountEnabled/);
  });

  it("answers an unknown segment with 400 BadRequest in OData, not a 404 page", async () => {
    const response = await h.app.inject({
      method: "GET",
      url: "/v1.0/meeee?$select=id",
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(response.statusCode, 400);
    odataShape(response.json());
    assert.equal(response.json().error.code, "BadRequest");
    assert.equal(response.json().error.message, "Resource not found for the segment 'meeee'.");
    // Graph names the first segment it cannot resolve, not the first of the path.
    const deeper = await h.app.inject({
      method: "GET",
      url: "/v1.0/users/00000000-0000-4000-8000-000000000000/nope",
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(deeper.json().error.message, "Resource not found for the segment 'nope'.");
    const known = await h.app.inject({
      method: "GET",
      url: "/v1.0/users?$top=1",
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(known.statusCode, 200, "known resources are still served");
  });

  it("lets a page call Graph with its token: preflight without a token, CORS on the answer", async () => {
    const preflight = await h.app.inject({
      method: "OPTIONS",
      url: "/v1.0/me",
      headers: {
        origin: "http://localhost:3000",
        "access-control-request-method": "GET",
        "access-control-request-headers": "authorization, client-request-id",
      },
    });
    assert.equal(preflight.statusCode, 204);
    assert.equal(preflight.headers["access-control-allow-origin"], "*");
    assert.match(String(preflight.headers["access-control-allow-headers"]), /authorization/);
    const answer = await h.app.inject({
      method: "GET",
      url: "/v1.0/users?$top=1",
      headers: { authorization: `Bearer ${token}`, origin: "http://localhost:3000" },
    });
    assert.equal(answer.statusCode, 200);
    assert.equal(answer.headers["access-control-allow-origin"], "*");
  });

  it("answers a database outage with 503, Retry-After and an OData body", async () => {
    const ctx = h.identity.ctx as { db: Kysely<IdentityDB> };
    const working = ctx.db;
    // Nothing listens on port 1: every query fails as it does when the database is down.
    const down = new Kysely<IdentityDB>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ host: "127.0.0.1", port: 1, max: 1 }) }),
    });
    ctx.db = down;
    try {
      const response = await h.app.inject({
        url: "/v1.0/users",
        headers: { authorization: `Bearer ${token}`, accept: "application/json" },
      });
      assert.equal(response.statusCode, 503);
      assert.ok(Number(response.headers["retry-after"]) > 0);
      odataShape(response.json());
      assert.equal(response.json().error.code, "serviceNotAvailable");
    } finally {
      ctx.db = working;
      await down.destroy();
    }
  });
});
