import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { DAY_MS } from "@sesame/kit/db/expiry-sweeper";
import { testTargets } from "@sesame/kit/db/test-databases";
import {
  type AdminConsentWorld,
  location,
  people,
  seedUrl,
  signedIn,
  startAdminConsentWorld,
} from "../admin-consent/admin-consent-test-support";
import { PORTAL_CLIENT_ID } from "../demo/portal-application";
import { ROLES } from "../roles/role-catalogue";
import { findTenant } from "../tenants/tenant-queries";
import { deliveredMail } from "../testing/delivered-mail";
import { runConsentRequestTimers } from "./consent-expiry-operations";
import { setConsentRequestPolicy } from "./consent-request-operations";
import { roleReviewer } from "./consent-request-rules";
import { graphCaller, mailsMatching, requestForm } from "./consent-requests-test-support";

const POLICY = "/v1.0/policies/adminConsentRequestPolicy";
const REQUESTS = "/v1.0/identityGovernance/appConsent/appConsentRequests";

for (const target of await testTargets()) {
  describe(`admin consent workflow: requests (${target.label})`, () => {
    let w: AdminConsentWorld;
    let graph: ReturnType<typeof graphCaller>;
    before(async () => {
      w = await startAdminConsentWorld(target);
      graph = graphCaller(w.h, w.tenantId);
      // The workflow on, as a Global Administrator sets it (consent-request-policy.test.ts).
      const tenant = await findTenant(w.h.identity.ctx.db, w.tenantId);
      assert.ok(tenant);
      await setConsentRequestPolicy(w.h.identity.ctx, { id: null, name: "test", source: "test" }, tenant, {
        isEnabled: true,
        notifyReviewers: true,
        remindersEnabled: false,
        requestDurationInDays: 5,
        reviewers: [roleReviewer(ROLES.globalAdministrator)],
      });
    });
    after(() => w.close());
    const ctx = () => w.h.identity.ctx;
    const requestApproval = async (reason: string) => {
      const emma = await signedIn(w.h, people.user);
      const page = await emma.get(seedUrl());
      return { emma, page, sent: await emma.post("/consent-requests", requestForm(page, reason)) };
    };
    const appRequestId = async () => {
      const list = await graph.call("GET", REQUESTS, await graph.app(["ConsentRequest.Read.All"]));
      return String(list.body.value[0]?.id ?? "");
    };

    it("sends a request with its justification, mails the reviewers, and refuses a duplicate", async () => {
      const { emma, page, sent } = await requestApproval("Je dois déposer mes factures");
      assert.match(page.body, /Request approval/);
      assert.equal(sent.statusCode, 200, /role="alert">([^<]*)/.exec(sent.body)?.[1]);
      assert.match(sent.body, /Request sent/);
      const mail = await deliveredMail(ctx(), people.globalAdmin.email);
      assert.match(mail.subject, /Demande de consentement pour/);
      assert.match(mail.text_body, /Je dois déposer mes factures/);
      const id = await appRequestId();
      assert.match(mail.text_body, new RegExp(`/admin/consent-requests/${id}`));
      await emma.get("/login");
      const again = await emma.post("/consent-requests", requestForm(page, "encore"));
      assert.equal(again.statusCode, 409);
      assert.match(again.body, /already have a pending request/);
      const pending = await emma.get(seedUrl());
      assert.match(pending.body, /already requested approval/);
      assert.doesNotMatch(pending.body, /name="reason"/);
      const list = await graph.call(
        "GET",
        `${REQUESTS}?$filter=userConsentRequests/any (u:u/status eq 'InProgress')`,
        await graph.app(["ConsentRequest.Read.All"]),
      );
      assert.equal(list.body.value.length, 1);
      assert.equal(list.body.value[0].appId, PORTAL_CLIENT_ID);
      assert.ok(
        list.body.value[0].pendingScopes.some((s: { displayName: string }) => s.displayName === "User.Read"),
      );
      const users = await graph.call(
        "GET",
        `${REQUESTS}/${id}/userConsentRequests`,
        await graph.app(["ConsentRequest.Read.All"]),
      );
      assert.equal(users.body.value.length, 1);
      assert.equal(users.body.value[0].reason, "Je dois déposer mes factures");
      assert.equal(users.body.value[0].status, "InProgress");
    });

    it("denies with a reason: the requester is told, nothing is granted, Graph shows the decision", async () => {
      const id = await appRequestId();
      const sophie = await signedIn(w.h, people.globalAdmin);
      const page = await sophie.get(`/admin/consent-requests/${id}`);
      assert.match(page.body, /Je dois déposer mes factures/);
      const denied = await sophie.post(`/admin/consent-requests/${id}/deny`, {
        justification: "Utilisez l'accès invité",
      });
      assert.equal(denied.statusCode, 303);
      const [mail] = await mailsMatching(ctx(), people.user.email, /is denied/);
      assert.match(mail?.text_body ?? "", /Utilisez l'accès invité/);
      const grants = await ctx()
        .db.selectFrom("oauth2_permission_grant")
        .selectAll()
        .where("tenant_id", "=", w.tenantId)
        .where("client_app_id", "=", PORTAL_CLIENT_ID)
        .execute();
      assert.deepEqual(grants, []);
      const users = await graph.call(
        "GET",
        `${REQUESTS}/${id}/userConsentRequests?$filter=status eq 'Completed'`,
        await graph.app(["ConsentRequest.Read.All"]),
      );
      const uid = users.body.value[0].id;
      const stages = await graph.call(
        "GET",
        `${REQUESTS}/${id}/userConsentRequests/${uid}/approval/stages`,
        await graph.app(["ConsentRequest.Read.All"]),
      );
      assert.equal(stages.body.value[0].reviewResult, "Denied");
      assert.equal(stages.body.value[0].justification, "Utilisez l'accès invité");
      const late = await graph.call(
        "PATCH",
        `${REQUESTS}/${id}/userConsentRequests/${uid}/approval/stages/${uid}`,
        await graph.user(people.globalAdmin.email, "ConsentRequest.ReadWrite.All"),
        { reviewResult: "Approve" },
      );
      assert.equal(late.status, 409);
    });

    it("expires an undecided request after its duration and tells the requester", async () => {
      const { sent } = await requestApproval("Deuxième essai");
      assert.equal(sent.statusCode, 200, /role="alert">([^<]*)/.exec(sent.body)?.[1]);
      const before = await runConsentRequestTimers(ctx(), Date.now() + 4 * DAY_MS);
      assert.equal(before.expired, 0);
      const after = await runConsentRequestTimers(ctx(), Date.now() + 5 * DAY_MS + 1000);
      assert.equal(after.expired, 1);
      const expired = await mailsMatching(ctx(), people.user.email, /has expired/);
      assert.equal(expired.length, 1);
      const id = await appRequestId();
      const users = await graph.call(
        "GET",
        `${REQUESTS}/${id}/userConsentRequests?$filter=status eq 'Expired'`,
        await graph.app(["ConsentRequest.Read.All"]),
      );
      assert.equal(users.body.value.length, 1);
    });

    it("approves through the same tenant-wide grant as /adminconsent; the user then signs in without a prompt", async () => {
      const { sent } = await requestApproval("Troisième essai");
      assert.equal(sent.statusCode, 200, /role="alert">([^<]*)/.exec(sent.body)?.[1]);
      const id = await appRequestId();
      const lucas = await graph.call(
        "PATCH",
        `${REQUESTS}/${id}/userConsentRequests/x/approval/stages/x`,
        await graph.user(people.appAdmin.email, "ConsentRequest.ReadWrite.All"),
        { reviewResult: "Approve" },
      );
      assert.equal(lucas.status, 404);
      const appOnly = await graph.call(
        "GET",
        `${REQUESTS}/${id}/userConsentRequests?$filter=status eq 'InProgress'`,
        await graph.app(["ConsentRequest.ReadWrite.All"]),
      );
      const uid = appOnly.body.value[0].id;
      const notReviewer = await graph.call(
        "PATCH",
        `${REQUESTS}/${id}/userConsentRequests/${uid}/approval/stages/${uid}`,
        await graph.user(people.appAdmin.email, "ConsentRequest.ReadWrite.All"),
        { reviewResult: "Approve" },
      );
      assert.equal(notReviewer.status, 403, "the Application Administrator is not a reviewer of this tenant");
      const sophie = await signedIn(w.h, people.globalAdmin);
      await sophie.get(`/admin/consent-requests/${id}`);
      const approved = await sophie.post(`/admin/consent-requests/${id}/approve`, {});
      assert.equal(approved.statusCode, 303);
      const grants = await ctx()
        .db.selectFrom("oauth2_permission_grant")
        .selectAll()
        .where("tenant_id", "=", w.tenantId)
        .where("client_app_id", "=", PORTAL_CLIENT_ID)
        .execute();
      assert.equal(grants.length, 1);
      assert.equal(grants[0]?.consent_type, "AllPrincipals");
      const audit = await ctx()
        .db.selectFrom("audit_log")
        .select("action")
        .where("tenant_id", "=", w.tenantId)
        .where("action", "in", ["application.adminConsent", "consentRequest.approve"])
        .execute();
      assert.deepEqual(audit.map((a) => a.action).sort(), [
        "application.adminConsent",
        "consentRequest.approve",
      ]);
      assert.equal((await mailsMatching(ctx(), people.user.email, /is approved/)).length, 1);
      const emma = await signedIn(w.h, people.user);
      const signIn = await emma.get(seedUrl());
      assert.equal(signIn.statusCode, 302);
      assert.ok(location(signIn).searchParams.get("code"));
    });

    it("reminds reviewers once before a request expires when reminders are on", async () => {
      const put = await graph.call("PUT", POLICY, await graph.app(["Policy.ReadWrite.ConsentRequest"]), {
        isEnabled: true,
        notifyReviewers: false,
        remindersEnabled: true,
        requestDurationInDays: 3,
        reviewers: [roleReviewer(ROLES.globalAdministrator)],
      });
      assert.equal(put.status, 204);
      const emma = await signedIn(w.h, people.user);
      const url = `/organizations/oauth2/v2.0/authorize?${new URLSearchParams({ client_id: w.reporting.clientId, redirect_uri: w.reporting.redirect, response_type: "code", scope: "openid User.Read", code_challenge: "x".repeat(43), code_challenge_method: "S256" })}`;
      const page = await emma.get(url);
      assert.equal(page.statusCode, 403);
      const sent = await emma.post("/consent-requests", requestForm(page, "Rapports mensuels"));
      assert.equal(sent.statusCode, 200, /role="alert">([^<]*)/.exec(sent.body)?.[1]);
      const early = await runConsentRequestTimers(ctx(), Date.now() + DAY_MS);
      assert.equal(early.reminded, 0);
      const due = await runConsentRequestTimers(ctx(), Date.now() + 2 * DAY_MS + 1000);
      assert.equal(due.reminded, 1);
      const again = await runConsentRequestTimers(ctx(), Date.now() + 2 * DAY_MS + 2000);
      assert.equal(again.reminded, 0);
      const reminders = await mailsMatching(ctx(), people.globalAdmin.email, /Rappel/);
      assert.equal(reminders.length, 1);
      assert.match(reminders[0]?.text_body ?? "", /Rapports Compta/);
    });
  });
}
