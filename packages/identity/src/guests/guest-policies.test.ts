import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { type GuestWorld, startGuestWorld } from "./guest-test-kit";

const EMAIL = "/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/email";
const XTAP = "/v1.0/policies/crossTenantAccessPolicy/default";

for (const target of await testTargets()) {
  describe(`External collaboration settings through Graph (${target.label})`, () => {
    let w: GuestWorld;
    before(async () => {
      w = await startGuestWorld(target);
    });
    after(() => w.h.close());

    it("reads Microsoft's defaults and refuses a write without the policy permission", async () => {
      const read = await w.appToken(["Policy.Read.All"]);
      assert.equal(
        (await w.graph("GET", "/v1.0/policies/authorizationPolicy", read)).body.allowInvitesFrom,
        "adminsAndGuestInviters",
      );
      assert.equal((await w.graph("GET", EMAIL, read)).body.allowExternalIdToUseEmailOtp, "enabled");
      const xtap = await w.graph("GET", XTAP, read);
      assert.equal(
        xtap.body.invitationRedemptionIdentityProviderConfiguration.fallbackIdentityProvider,
        "defaultConfiguredIdp",
      );
      const refused = await w.graph("PATCH", "/v1.0/policies/authorizationPolicy", read, {
        allowInvitesFrom: "none",
      });
      assert.equal(refused.status, 403);
      assert.equal(refused.body.error.code, "Authorization_RequestDenied");
      const member = await w.graph(
        "PATCH",
        "/v1.0/policies/authorizationPolicy",
        await w.userToken("plain", "Policy.ReadWrite.Authorization"),
        { allowInvitesFrom: "none" },
      );
      assert.equal(member.status, 403);
    });

    it("turns invitations, the passcode and the redemption order as the policies say", async () => {
      const authz = await w.userToken("ga", "Policy.ReadWrite.Authorization");
      assert.equal(
        (await w.graph("PATCH", "/v1.0/policies/authorizationPolicy", authz, { allowInvitesFrom: "none" }))
          .status,
        204,
      );
      const invite = await w.graph("POST", "/v1.0/invitations", await w.userToken("ga", "User.Invite.All"), {
        invitedUserEmailAddress: "tom@gmail.com",
        inviteRedirectUrl: "https://portal.example/",
      });
      assert.equal(invite.status, 403);
      const methods = await w.appToken(["Policy.ReadWrite.AuthenticationMethod"]);
      assert.equal(
        (await w.graph("PATCH", EMAIL, methods, { allowExternalIdToUseEmailOtp: "disabled" })).status,
        204,
      );
      const xtap = await w.appToken(["Policy.ReadWrite.CrossTenantAccess"]);
      const patched = await w.graph("PATCH", XTAP, xtap, {
        invitationRedemptionIdentityProviderConfiguration: {
          fallbackIdentityProvider: "emailOneTimePasscode",
        },
      });
      assert.equal(patched.status, 204);
      const read = await w.appToken(["Policy.Read.All"]);
      assert.equal(
        (await w.graph("GET", "/v1.0/policies/authorizationPolicy", read)).body.allowInvitesFrom,
        "none",
      );
      assert.equal((await w.graph("GET", EMAIL, read)).body.allowExternalIdToUseEmailOtp, "disabled");
      const after = await w.graph("GET", XTAP, read);
      assert.equal(
        after.body.invitationRedemptionIdentityProviderConfiguration.fallbackIdentityProvider,
        "emailOneTimePasscode",
      );
      const bad = await w.graph("PATCH", EMAIL, methods, { allowExternalIdToUseEmailOtp: "sometimes" });
      assert.equal(bad.status, 400);
    });
  });
}
