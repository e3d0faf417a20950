import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import {
  type AdminConsentWorld,
  people,
  seedUrl,
  signedIn,
  startAdminConsentWorld,
} from "../admin-consent/admin-consent-test-support";
import { PORTAL_CLIENT_ID } from "../demo/portal-application";
import { ROLES } from "../roles/role-catalogue";
import { roleReviewer } from "./consent-request-rules";
import { graphCaller, requestForm } from "./consent-requests-test-support";

const POLICY = "/v1.0/policies/adminConsentRequestPolicy";
const REQUESTS = "/v1.0/identityGovernance/appConsent/appConsentRequests";

for (const target of await testTargets()) {
  describe(`admin consent workflow: the policy (${target.label})`, () => {
    let w: AdminConsentWorld;
    let graph: ReturnType<typeof graphCaller>;
    before(async () => {
      w = await startAdminConsentWorld(target);
      graph = graphCaller(w.h, w.tenantId);
    });
    after(() => w.close());
    const ctx = () => w.h.identity.ctx;
    const requestApproval = async (reason: string) => {
      const emma = await signedIn(w.h, people.user);
      const page = await emma.get(seedUrl());
      return { emma, page, sent: await emma.post("/consent-requests", requestForm(page, reason)) };
    };
    const _appRequestId = async () => {
      const list = await graph.call("GET", REQUESTS, await graph.app(["ConsentRequest.Read.All"]));
      return String(list.body.value[0]?.id ?? "");
    };

    it("offers no Request approval while the workflow is off, and refuses a forged request", async () => {
      const { page } = await requestApproval("Je dois déposer mes factures");
      assert.equal(page.statusCode, 403);
      assert.match(page.body, /Need admin approval/);
      assert.doesNotMatch(page.body, /Request approval/);
      const emma = await signedIn(w.h, people.user);
      await emma.get("/login");
      const forged = await emma.post("/consent-requests", {
        client_id: PORTAL_CLIENT_ID,
        resource: "00000003-0000-0000-c000-000000000000",
        scopes: "openid User.Read",
        account: (
          await ctx()
            .db.selectFrom("account")
            .select("id")
            .where("email", "=", people.user.email)
            .executeTakeFirstOrThrow()
        ).id,
        reason: "Je dois déposer mes factures",
      });
      assert.equal(forged.statusCode, 403);
      assert.match(
        forged.body,
        /does not accept approval requests/,
        /role="alert">([^<]*)/.exec(forged.body)?.[1],
      );
      const rows = await ctx().db.selectFrom("user_consent_request").selectAll().execute();
      assert.deepEqual(rows, []);
    });

    it("reads and writes the policy through Graph with Microsoft's permissions and roles", async () => {
      const fresh = await graph.call("GET", POLICY, await graph.app(["Policy.Read.All"]));
      assert.equal(fresh.status, 200);
      assert.deepEqual(
        { ...fresh.body, "@odata.context": undefined },
        {
          "@odata.context": undefined,
          isEnabled: false,
          notifyReviewers: false,
          remindersEnabled: false,
          requestDurationInDays: 0,
          version: 0,
          reviewers: [],
        },
      );
      const body = {
        isEnabled: true,
        notifyReviewers: true,
        remindersEnabled: true,
        requestDurationInDays: 7,
        reviewers: [roleReviewer(ROLES.globalAdministrator)],
      };
      const readOnly = await graph.call("PUT", POLICY, await graph.app(["Policy.Read.All"]), body);
      assert.equal(readOnly.status, 403, JSON.stringify(readOnly.body));
      assert.equal(readOnly.body.error.code, "Authorization_RequestDenied");
      const plainUser = await graph.call(
        "PUT",
        POLICY,
        await graph.user(people.user.email, "Policy.ReadWrite.ConsentRequest"),
        body,
      );
      assert.equal(plainUser.status, 403, "a delegated call needs an application administrator role");
      const tooLong = await graph.call("PUT", POLICY, await graph.app(["Policy.ReadWrite.ConsentRequest"]), {
        ...body,
        requestDurationInDays: 31,
      });
      assert.equal(tooLong.status, 400);
      const put = await graph.call(
        "PUT",
        POLICY,
        await graph.user(people.appAdmin.email, "Policy.ReadWrite.ConsentRequest"),
        body,
      );
      assert.equal(put.status, 204);
      const read = await graph.call(
        "GET",
        POLICY,
        await graph.user(people.globalAdmin.email, "Policy.Read.All"),
      );
      assert.equal(read.body.isEnabled, true);
      assert.equal(read.body.version, 1);
      assert.deepEqual(read.body.reviewers, [roleReviewer(ROLES.globalAdministrator)]);
    });

    it("lets a Global Administrator change the same settings in the admin centre (FR)", async () => {
      const sophie = await signedIn(w.h, people.globalAdmin, "fr");
      const page = await sophie.get("/admin/consent-requests/settings");
      assert.match(page.body, /Les utilisateurs peuvent demander le consentement administrateur/);
      const saved = await sophie.post("/admin/consent-requests/settings", {
        isEnabled: "1",
        notifyReviewers: "1",
        requestDurationInDays: "5",
        reviewer: roleReviewer(ROLES.globalAdministrator).query,
      });
      assert.equal(saved.statusCode, 303);
      const read = await graph.call("GET", POLICY, await graph.app(["Policy.Read.All"]));
      assert.equal(read.body.requestDurationInDays, 5);
      assert.equal(read.body.remindersEnabled, false);
      assert.equal(read.body.version, 2);
    });
  });
}
