import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { SignJWT } from "jose";
import type { Firm } from "../firms/firm-queries";
import {
  PortalBrowser,
  type PortalHarness,
  pageText,
  seedTestFirm,
  startTestPortal,
} from "../testing/portal-harness";
import { newConsentState } from "./consent-queries";

const tenant = "6b1f0a35-8a0c-4b43-9d5e-1f2a3b4c5d6e";

/** Stands in for Microsoft's v1 token endpoint: a known code gives tokens with tid, oid, name, scp. */
async function fakeTokenEndpoint(url: string, init?: RequestInit): Promise<Response> {
  const body = new URLSearchParams(String(init?.body ?? ""));
  if (!url.endsWith("/common/oauth2/token") || body.get("client_secret") === null)
    return new Response("{}", { status: 404 });
  if (body.get("code") !== "good-code") {
    return Response.json(
      {
        error: "invalid_grant",
        error_description: "AADSTS54005: OAuth2 Authorization code was already redeemed.",
        error_codes: [54005],
      },
      { status: 400 },
    );
  }
  const key = new TextEncoder().encode("k".repeat(32));
  const claims = {
    tid: tenant,
    oid: "0b7a3c2d-1111-2222-3333-444455556666",
    name: "Paul Martin",
    scp: "User.Read",
  };
  const token = await new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).sign(key);
  return Response.json({
    token_type: "Bearer",
    access_token: token,
    id_token: token,
    resource: "https://graph.microsoft.com/",
  });
}

for (const target of await testTargets()) {
  describe(`consent callback /{firm}/authorize (${target.label})`, () => {
    let h: PortalHarness;
    let firm: Firm;
    before(async () => {
      h = await startTestPortal(target, { fetch: fakeTokenEndpoint });
      ({ firm } = await seedTestFirm(h.ctx));
    });
    after(() => h.close());

    const registry = () => h.ctx.db.selectFrom("tenant_consent").selectAll().execute();

    const errorCases: [string, Record<string, string>, number, RegExp][] = [
      [
        "a declined approval",
        {
          error: "access_denied",
          error_description: "AADSTS65004: User declined to consent to access the app.",
        },
        403,
        /autorisation a été refusée/,
      ],
      [
        "a cancelled request",
        { error: "access_denied", error_subcode: "cancel" },
        400,
        /annulée avant la fin/,
      ],
      [
        "an account that may not approve for the organization",
        { error: "access_denied", error_description: "AADSTS90094: Admin approval required." },
        403,
        /Administrateur général ou à un Administrateur d'application/,
      ],
      [
        "an account from another organization",
        {
          error: "access_denied",
          error_description:
            "AADSTS50020: User account 'x@y.fr' from identity provider 'live.com' does not exist in tenant 'T'.",
        },
        403,
        /n'appartient pas à l'organisation/,
      ],
      [
        "an unknown application",
        {
          error: "unauthorized_client",
          error_description:
            "AADSTS700016: Application with identifier 'ff28' was not found in the directory 'T'.",
        },
        400,
        /inscription d'application doit être vérifiée/,
      ],
      [
        "a missing consent",
        {
          error: "invalid_grant",
          error_description:
            "AADSTS65001: The user or administrator has not consented to use the application.",
        },
        400,
        /pas encore été approuvée/,
      ],
      [
        "consent_required from the admin-consent endpoint",
        {
          admin_consent: "True",
          error: "consent_required",
          error_description: "AADSTS65004: The resource owner or authorization server denied the request.",
        },
        403,
        /autorisation a été refusée/,
      ],
      [
        "an unknown tenant",
        { error: "invalid_request", error_description: "AADSTS90002: Tenant 'nope' not found." },
        400,
        /ne reconnaît pas cette organisation/,
      ],
      [
        "an unexpected error",
        { error: "server_error", error_description: "AADSTS12345: Something." },
        400,
        /erreur inattendue/,
      ],
      ["an address opened without any answer", {}, 400, /lien d'approbation valide/],
      [
        "an admin-consent answer that is not ours",
        { admin_consent: "True", tenant, state: "forged" },
        400,
        /lien d'approbation valide/,
      ],
      ["a code that cannot be redeemed", { code: "used-code", state: "s" }, 400, /n'a pas pu être confirmée/],
    ];
    for (const [what, query, status, text] of errorCases) {
      it(`explains ${what} in plain French, with ${status}, and records nothing`, async () => {
        const response = await new PortalBrowser(h).get(`/YPN/authorize?${new URLSearchParams(query)}`);
        assert.equal(response.statusCode, status);
        assert.match(pageText(response.body), text);
        assert.match(response.body, /role="alert"/);
        assert.equal((await registry()).length, 0);
      });
    }

    it("shows the Microsoft error code so the firm can look it up", async () => {
      const response = await new PortalBrowser(h).get(
        `/YPN/authorize?error=access_denied&error_description=${encodeURIComponent("AADSTS90094: x")}`,
      );
      assert.match(response.body, /AADSTS90094/);
    });

    it("explains the same failure in English to an English browser", async () => {
      const response = await new PortalBrowser(h, "en").get(
        `/YPN/authorize?error=access_denied&error_description=${encodeURIComponent("AADSTS90094: x")}`,
      );
      assert.match(pageText(response.body), /Global Administrator or an Application Administrator/);
    });

    it("an unknown firm code is a 404 page", async () => {
      const response = await new PortalBrowser(h).get("/ZZZ/authorize?code=good-code");
      assert.equal(response.statusCode, 404);
      assert.match(pageText(response.body), /Ce cabinet n'existe pas/);
    });

    it("records who approved, for which tenant and which permissions when the code is redeemed", async () => {
      const response = await new PortalBrowser(h).get("/YPN/authorize?code=good-code&session_state=abc");
      assert.equal(response.statusCode, 200);
      assert.match(response.body, /Application approuvée/);
      assert.match(response.body, /Approuvée par Paul Martin/);
      const rows = await registry();
      assert.equal(rows.length, 1);
      assert.equal(rows[0]?.tenant_id, tenant);
      assert.equal(rows[0]?.consented_by_name, "Paul Martin");
      assert.equal(rows[0]?.consented_by_oid, "0b7a3c2d-1111-2222-3333-444455556666");
      assert.equal(rows[0]?.permissions, "User.Read");
      assert.equal(rows[0]?.firm_id, firm.id);
    });

    it("records an admin-consent answer to one of the firm's own approval links", async () => {
      const other = "11111111-2222-3333-4444-555555555555";
      const state = await newConsentState(h.ctx.db, firm.id, null);
      const response = await new PortalBrowser(h).get(
        `/YPN/authorize?admin_consent=True&tenant=${other}&state=${state}`,
      );
      assert.equal(response.statusCode, 200);
      const row = (await registry()).find((r) => r.tenant_id === other);
      assert.ok(row);
      assert.equal(row.consented_by_oid, null);
    });
  });
}
