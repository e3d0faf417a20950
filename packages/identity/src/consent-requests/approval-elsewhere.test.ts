import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import {
  type AdminConsentWorld,
  people,
  signedIn,
  startAdminConsentWorld,
} from "../admin-consent/admin-consent-test-support";
import { PORTAL_CLIENT_ID } from "../demo/portal-application";
import { createDeviceCode } from "../oauth/device/device-store";
import { ROLES } from "../roles/role-catalogue";
import { findTenant } from "../tenants/tenant-queries";
import { setConsentRequestPolicy } from "./consent-request-operations";
import { roleReviewer } from "./consent-request-rules";
import { requestForm } from "./consent-requests-test-support";

const actor = { id: null, name: "test", source: "test" } as const;

for (const target of await testTargets()) {
  describe(`"Request approval" beyond authorize: device code and /adminconsent (${target.label})`, () => {
    let w: AdminConsentWorld;
    before(async () => {
      w = await startAdminConsentWorld(target);
    });
    after(() => w.close());
    const ctx = () => w.h.identity.ctx;
    const workflow = async (isEnabled: boolean) => {
      const tenant = await findTenant(ctx().db, w.tenantId);
      assert.ok(tenant);
      await setConsentRequestPolicy(ctx(), actor, tenant, {
        isEnabled,
        notifyReviewers: true,
        remindersEnabled: false,
        requestDurationInDays: 5,
        reviewers: [roleReviewer(ROLES.globalAdministrator)],
      });
    };
    const requests = () =>
      ctx()
        .db.selectFrom("user_consent_request")
        .innerJoin("app_consent_request", "app_consent_request.id", "user_consent_request.app_request_id")
        .select(["app_consent_request.client_app_id", "user_consent_request.reason"])
        .execute();
    const deviceApprovalPage = async () => {
      const emma = await signedIn(w.h, people.user);
      const { userCode } = await createDeviceCode(ctx().db, {
        clientId: PORTAL_CLIENT_ID,
        scope: "openid offline_access User.Read",
        tenantSegment: "organizations",
      });
      await emma.get("/devicelogin");
      return { emma, page: await emma.post("/devicelogin", { code: userCode }) };
    };

    it("device code: no Request approval while the workflow is off; when on, a plain user sends one with a justification", async () => {
      await workflow(false);
      const off = await deviceApprovalPage();
      assert.equal(off.page.statusCode, 403);
      assert.match(off.page.body, /Need admin approval/);
      assert.doesNotMatch(off.page.body, /Request approval/);

      await workflow(true);
      const { emma, page } = await deviceApprovalPage();
      assert.equal(page.statusCode, 403);
      assert.match(page.body, /Request approval/);
      const sent = await emma.post(
        "/consent-requests",
        requestForm(page, "Mon logiciel de caisse doit déposer"),
      );
      assert.equal(sent.statusCode, 200, /role="alert">([^<]*)/.exec(sent.body)?.[1]);
      assert.match(sent.body, /Request sent/);
      assert.deepEqual(await requests(), [
        { client_app_id: PORTAL_CLIENT_ID, reason: "Mon logiciel de caisse doit déposer" },
      ]);
      // The same device page again says the request is pending instead of offering a second one.
      const again = await deviceApprovalPage();
      assert.doesNotMatch(again.page.body, /name="reason"/);
    });

    it("/adminconsent opened by a plain user offers Request approval for the app's permissions", async () => {
      await workflow(true);
      const emma = await signedIn(w.h, people.user);
      const page = await emma.get(
        `/${w.tenantId}/adminconsent?${new URLSearchParams({ client_id: w.reporting.clientId, redirect_uri: w.reporting.redirect, state: "s-1" })}`,
      );
      assert.equal(page.statusCode, 403);
      assert.match(page.body, /Need admin approval/);
      assert.match(page.body, /Request approval/);
      const sent = await emma.post("/consent-requests", requestForm(page, "Les rapports du cabinet"));
      assert.equal(sent.statusCode, 200, /role="alert">([^<]*)/.exec(sent.body)?.[1]);
      const mine = (await requests()).filter((r) => r.client_app_id === w.reporting.clientId);
      assert.deepEqual(mine, [{ client_app_id: w.reporting.clientId, reason: "Les rapports du cabinet" }]);
    });
  });
}
