import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { findTenantConsent, recordTenantConsent } from "../consent/consent-queries";
import type { Firm } from "../firms/firm-queries";
import { type PortalHarness, seedTestFirm, startTestPortal } from "../testing/portal-harness";
import { checkReadiness } from "./check-readiness";

const tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
let grantWithdrawn = false;
const calls: string[] = [];

/** Answers as login.microsoftonline.com does (docs/microsoft-behaviour.md#discovery, #home-realm-discovery, #aadsts) for one managed domain. */
async function microsoft(url: string, init?: RequestInit): Promise<Response> {
  calls.push(`${init?.method ?? "GET"} ${new URL(url).pathname}`);
  const path = new URL(url).pathname;
  if (path.startsWith("/common/userrealm/")) {
    return Response.json({
      NameSpaceType: "Managed",
      Login: "anne@contoso.fr",
      DomainName: "contoso.fr",
      FederationBrandName: "Contoso",
    });
  }
  if (path === "/common/GetCredentialType")
    return Response.json({ Username: "anne@contoso.fr", IfExistsResult: 0, ThrottleStatus: 0 });
  if (path === "/contoso.fr/v2.0/.well-known/openid-configuration") {
    return Response.json({ issuer: `https://login.microsoftonline.com/${tenant}/v2.0` });
  }
  if (path === `/${tenant}/oauth2/v2.0/token`) {
    if (!grantWithdrawn) return Response.json({ token_type: "Bearer", expires_in: 3599, access_token: "x" });
    return Response.json(
      {
        error: "unauthorized_client",
        error_description: `AADSTS700016: Application with identifier 'ff28182b-b927-4697-9f0e-3d38e40971a8' was not found in the directory '${tenant}'.`,
        error_codes: [700016],
      },
      { status: 400 },
    );
  }
  return new Response("not found", { status: 404 });
}

for (const target of await testTargets()) {
  describe(`readiness against Microsoft's documented answers (${target.label})`, () => {
    let h: PortalHarness;
    let firm: Firm;
    before(async () => {
      h = await startTestPortal(target, { authority: "https://login.microsoftonline.com", fetch: microsoft });
      ({ firm } = await seedTestFirm(h.ctx));
      grantWithdrawn = false;
    });
    after(() => h.close());

    it("asks only Microsoft's discovery endpoints, and finds the tenant from the issuer", async () => {
      calls.length = 0;
      const r = await checkReadiness(h.ctx, firm.id, "anne@contoso.fr");
      assert.deepEqual([r.kind, r.tenantId, r.consent], ["work", tenant, "pending"]);
      assert.deepEqual(calls.sort(), [
        "GET /common/userrealm/anne%40contoso.fr",
        "GET /contoso.fr/v2.0/.well-known/openid-configuration",
        "POST /common/GetCredentialType",
      ]);
    });

    it("an approval withdrawn in the tenant shows on the next check and in the registry", async () => {
      await recordTenantConsent(h.ctx.db, {
        firmId: firm.id,
        tenantId: tenant,
        byOid: "o",
        byName: "Anne",
        permissions: "User.Read",
      });
      assert.equal((await checkReadiness(h.ctx, firm.id, "anne@contoso.fr")).consent, "approved");
      grantWithdrawn = true;
      assert.equal((await checkReadiness(h.ctx, firm.id, "anne@contoso.fr")).consent, "revoked");
      assert.ok((await findTenantConsent(h.ctx.db, firm.id, tenant))?.revoked_at);
      assert.equal((await checkReadiness(h.ctx, firm.id, "anne@contoso.fr")).consent, "revoked");
    });

    it("an authority that cannot be reached gives 'unknown', never a guess", async () => {
      const offline = await startTestPortal(target, {
        fetch: async () => {
          throw new TypeError("fetch failed");
        },
      });
      const { firm: f } = await seedTestFirm(offline.ctx);
      assert.equal((await checkReadiness(offline.ctx, f.id, "anne@contoso.fr")).kind, "unknown");
      await offline.close();
    });
  });
}
