import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { demoPersonalAccount } from "@sesame/identity/demo/demo-data";
import { Browser, type IdentityHarness } from "@sesame/identity/testing/identity-harness";
import { testTargets } from "@sesame/kit/db/test-databases";
import { foldersOf } from "../documents/document-queries";
import { tinyPdf, upload, uploadToken } from "../documents/document-test-support";
import type { Firm } from "../firms/firm-queries";
import { translate } from "../i18n/messages";
import { messageToken } from "../messages/message-test-support";
import { CONSUMER_TENANT_ID } from "../readiness/readiness-rules";
import { clickThroughIdentity } from "../testing/identity-clickthrough";
import { type PortalHarness, pageText } from "../testing/portal-harness";
import type { PortalWithIdentity } from "../testing/with-identity";
import { pdfText } from "./approval-test-support";
import { type ApprovalWorld, startApprovalWorld } from "./approval-test-world";
import { approvalsWaitingSection } from "./approvals-waiting";

for (const target of await testTargets()) {
  describe(`approvals with a forced fresh sign-in at identity (${target.label})`, () => {
    let stack: PortalWithIdentity;
    let identity: IdentityHarness;
    let h: PortalHarness;
    let firm: Firm;
    let dossierA: string;
    let camille: string;
    let reader: string;
    let docId: string;
    let approvalUrl: string;
    const base = (d: string) => `/YPN/dossiers/${d}`;

    let w: ApprovalWorld;
    const staffBrowser = () => w.staffBrowser();
    const contactBrowser = (id: string) => w.contactBrowser(id);

    before(async () => {
      w = await startApprovalWorld(target);
      ({ stack, identity, h, firm, dossierA, camille, reader, docId } = w);
    });
    after(() => stack.close());

    it("the accountant asks a contact with the approve right; the contact is told and sees it waiting", async () => {
      const staff = await staffBrowser();
      const page = await staff.get(`${base(dossierA)}/approvals`);
      assert.equal(page.statusCode, 200);
      assert.match(pageText(page.body), /Camille Durand/);
      assert.doesNotMatch(
        pageText(page.body),
        /Léa Durand/,
        "only contacts with the approve right are offered",
      );
      const refused = await staff.post(`${base(dossierA)}/approvals`, {
        document: docId,
        contact: reader,
        note: "",
      });
      assert.equal(refused.statusCode, 422);
      assert.match(pageText(refused.body), /n’a pas le droit « Approbation »/);
      await staff.get(`${base(dossierA)}/approvals`);
      const asked = await staff.post(`${base(dossierA)}/approvals`, {
        document: docId,
        contact: camille,
        note: "Les comptes annuels 2025",
      });
      assert.equal(asked.statusCode, 303);
      approvalUrl = String(asked.headers.location);
      const mail = await h.ctx.db
        .selectFrom("mail_outbox")
        .selectAll()
        .where("to_address", "=", demoPersonalAccount.email)
        .executeTakeFirstOrThrow();
      assert.match(mail.subject, /Cabinet YPN: a document waits for your approval/);
      assert.match(mail.text_body, new RegExp(approvalUrl));
      const waiting = await approvalsWaitingSection(h.ctx.db, translate("en"), firm, camille);
      assert.match(pageText(String(waiting)), /“comptes-2025\.pdf” \(v1\) · Boulangerie Martin/);
      assert.equal(String(await approvalsWaitingSection(h.ctx.db, translate("en"), firm, reader)), "");
    });

    it("no decision without a fresh sign-in; identity asks for the password even with a session", async () => {
      const person = await contactBrowser(camille);
      const page = await person.get(approvalUrl);
      assert.equal(page.statusCode, 200);
      assert.match(pageText(page.body), /Sign in again to decide/);
      const early = await person.post(`${approvalUrl}/decide`, { decision: "approved", comment: "" });
      assert.equal(early.statusCode, 403);
      await person.get(approvalUrl);
      const start = await person.post(`${approvalUrl}/reauth`, {});
      assert.equal(start.statusCode, 303);
      const authorize = new URL(String(start.headers.location));
      assert.equal(authorize.origin, identity.identity.url);
      assert.equal(authorize.searchParams.get("prompt"), "login");
      assert.equal(authorize.searchParams.get("max_age"), "0");
      assert.equal(authorize.searchParams.get("login_hint"), demoPersonalAccount.email);
      // A browser already signed in at identity is still sent to the password page.
      const signedIn = new Browser(identity.app);
      const first = await person.get("/YPN/signin/client");
      await clickThroughIdentity(identity.app, String(first.headers.location), demoPersonalAccount, {
        browser: signedIn,
      });
      const forced = await signedIn.get(authorize.pathname + authorize.search);
      assert.equal(forced.statusCode, 302);
      const login = new URL(String(forced.headers.location), identity.identity.url);
      assert.equal(login.pathname, "/login");
      assert.equal(login.searchParams.get("prompt"), "login");
      const back = await clickThroughIdentity(identity.app, authorize.href, demoPersonalAccount);
      const callback = await person.get(back.pathname + back.search);
      assert.equal(callback.statusCode, 303, pageText(callback.body));
      assert.equal(callback.headers.location, `${approvalUrl}?reauth=ok`);
      const replay = await person.get(back.pathname + back.search);
      assert.equal(replay.headers.location, `${approvalUrl}?reauth=expired`);
      const ready = await person.get(approvalUrl);
      assert.match(pageText(ready.body), /Identity confirmed at/);
      const noReason = await person.post(`${approvalUrl}/decide`, { decision: "refused", comment: " " });
      assert.equal(noReason.statusCode, 400);
      assert.match(pageText(noReason.body), /Give the reason for refusing\./);
    });

    it("the approval records who, when, from where and the version's SHA-256; the certificate shows it", async () => {
      const person = await contactBrowser(camille);
      await person.get(approvalUrl);
      const done = await h.app.inject({
        method: "POST",
        url: `${approvalUrl}/decide`,
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "user-agent": "Navigateur de test/1.0",
          cookie: person.cookieHeader,
        },
        payload: new URLSearchParams({
          decision: "approved",
          comment: "Bon pour accord",
          _csrf: person.csrfToken ?? "",
        }).toString(),
      });
      assert.equal(done.statusCode, 303, pageText(done.body));
      const row = await h.ctx.db.selectFrom("approval").selectAll().executeTakeFirstOrThrow();
      const version = await h.ctx.db
        .selectFrom("document_version")
        .selectAll()
        .where("document_id", "=", docId)
        .executeTakeFirstOrThrow();
      assert.equal(row.status, "approved");
      assert.equal(row.sha256, version.sha256);
      assert.equal(row.signer_tid, CONSUMER_TENANT_ID);
      assert.ok(row.signer_oid && row.signer_name);
      assert.equal(row.signer_user_agent, "Navigateur de test/1.0");
      assert.ok(row.signer_ip);
      assert.ok((row.auth_time ?? 0) <= (row.decided_at ?? 0));
      const page = await person.get(approvalUrl);
      assert.match(pageText(page.body), /Decision: Approved/);
      assert.match(page.body, new RegExp(version.sha256));
      await person.get(`${base(dossierA)}/messages`);
      const again = await person.post(`${approvalUrl}/decide`, {
        decision: "refused",
        comment: "non",
        _csrf: messageToken(person),
      });
      assert.equal(again.statusCode, 409);
      const pdf = await person.get(`${approvalUrl}/certificate.pdf`);
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers["content-type"], "application/pdf");
      const text = await pdfText(pdf.rawPayload);
      for (const expected of [
        "Approval certificate",
        "comptes-2025.pdf",
        version.sha256,
        CONSUMER_TENANT_ID,
        row.signer_oid ?? "",
        "Bon pour accord",
        "Navigateur de test/1.0",
        "Boulangerie Martin",
      ])
        assert.ok(text.replace(/\n/g, "").includes(expected), `the certificate shows ${expected}`);
      const staffPdf = await (await staffBrowser()).get(`${approvalUrl}/certificate.pdf`);
      assert.match(await pdfText(staffPdf.rawPayload), /Certificat d’approbation/);
      const trail = await h.ctx.db
        .selectFrom("document_event")
        .select("action")
        .where("document_id", "=", docId)
        .execute();
      assert.ok(trail.some((e) => e.action === "approval_requested"));
      assert.ok(trail.some((e) => e.action === "approved"));
    });

    it("a new version after the approval is visibly not approved", async () => {
      const staff = await staffBrowser();
      await staff.get(`${base(dossierA)}/documents`);
      const folder = (await foldersOf(h.ctx.db, { firmId: firm.id, dossierId: dossierA }))[0]?.id ?? "";
      const v2 = await upload(
        h.app,
        staff,
        `${base(dossierA)}/documents`,
        folder,
        [{ name: "comptes-2025.pdf", content: tinyPdf("Comptes 2025 corrigés") }],
        uploadToken(staff),
      );
      assert.equal(v2.json().files[0].version, 2);
      const page = await staff.get(approvalUrl);
      assert.match(pageText(page.body), /Nouvelle version v2 déposée après l’approbation : non approuvée\./);
      const list = await staff.get(`${base(dossierA)}/approvals`);
      assert.match(pageText(list.body), /non approuvée/);
    });
  });
}
