import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { type IdentityHarness, startTestIdentity } from "../testing/identity-harness";
import { grantedScopes, recordUserConsent } from "./consent-queries";
import { grantTenantWide } from "./tenant-wide-grant";

const PARALLEL = 10;

for (const target of await testTargets()) {
  describe(`consent given in parallel (${target.label})`, () => {
    let h: IdentityHarness;
    before(async () => {
      h = await startTestIdentity(target);
    });
    after(() => h.close());

    const grants = (clientAppId: string) =>
      h.identity.ctx.db
        .selectFrom("oauth2_permission_grant")
        .selectAll()
        .where("client_app_id", "=", clientAppId)
        .execute();

    it("keeps one grant per user holding every scope consented to", async () => {
      const ids = { clientAppId: randomUUID(), resourceAppId: randomUUID(), tenantId: randomUUID() };
      const principalId = randomUUID();
      await Promise.all(
        Array.from({ length: PARALLEL }, (_, i) =>
          recordUserConsent(h.identity.ctx.db, { ...ids, principalId, scopes: [`Scope.${i}`] }),
        ),
      );
      const rows = await grants(ids.clientAppId);
      assert.equal(rows.length, 1, "one grant row");
      const held = await grantedScopes(h.identity.ctx.db, { ...ids, principalId });
      assert.equal(held.size, PARALLEL, [...held].join(" "));
    });

    it("an admin consenting twice at once for the organization gives one grant and no failure", async () => {
      const tenantId = randomUUID();
      const client = { appId: randomUUID(), displayName: "Appli" };
      const resourceAppId = randomUUID();
      const actor = { id: randomUUID(), name: "Admin", source: "127.0.0.1" };
      const results = await Promise.allSettled(
        Array.from({ length: PARALLEL }, (_, i) =>
          grantTenantWide(
            h.identity.ctx.db,
            {
              tenantId,
              client,
              delegated: [{ resourceAppId, scopes: [`Scope.${i}`] }],
              appRoles: [{ resourceAppId, appRoleId: "role-1", value: "Role.All" }],
            },
            actor,
          ),
        ),
      );
      assert.deepEqual(
        results.filter((r) => r.status === "rejected").map((r) => String(r.reason)),
        [],
      );
      const rows = await grants(client.appId);
      assert.equal(rows.length, 1, "one organization-wide grant");
      assert.equal(rows[0]?.scope.split(" ").length, PARALLEL);
      const roles = await h.identity.ctx.db
        .selectFrom("app_role_assignment")
        .select("id")
        .where("client_app_id", "=", client.appId)
        .execute();
      assert.equal(roles.length, 1);
    });
  });
}
