import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { demoPersonalAccount } from "@sesame/identity/demo/demo-data";
import type { IdentityHarness } from "@sesame/identity/testing/identity-harness";
import { narrow } from "@sesame/kit/db/database";
import { sweepExpired } from "@sesame/kit/db/expiry-sweeper";
import { testTargets } from "@sesame/kit/db/test-databases";
import { messageToken } from "../messages/message-test-support";
import { portalExpiry } from "../storage/migrations";
import type { PortalDB } from "../storage/schema";
import { clickThroughIdentity } from "../testing/identity-clickthrough";
import { type PortalHarness, pageText } from "../testing/portal-harness";
import type { PortalWithIdentity } from "../testing/with-identity";
import { pdfText } from "./approval-test-support";
import { type ApprovalWorld, startApprovalWorld } from "./approval-test-world";

for (const target of await testTargets()) {
  describe(`approvals: rights, refusals, the wrong person (${target.label})`, () => {
    let stack: PortalWithIdentity;
    let identity: IdentityHarness;
    let h: PortalHarness;
    let dossierA: string;
    let dossierB: string;
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
      ({ stack, identity, h, dossierA, dossierB, camille, reader, docId } = w);
      const staff = await staffBrowser();
      await staff.get(`${base(dossierA)}/approvals`);
      const asked = await staff.post(`${base(dossierA)}/approvals`, {
        document: docId,
        contact: camille,
        note: "Les comptes annuels 2025",
      });
      approvalUrl = String(asked.headers.location);
    });

    after(() => stack.close());

    it("rights: other contacts, other dossiers and other firms get 404; a contact cannot ask", async () => {
      const other = await contactBrowser(reader);
      assert.equal((await other.get(approvalUrl)).statusCode, 404);
      assert.equal((await other.get(`${approvalUrl}/certificate.pdf`)).statusCode, 404);
      const id = approvalUrl.split("/").pop() ?? "";
      assert.equal((await other.get(`${base(dossierB)}/approvals/${id}`)).statusCode, 404);
      await other.get(`${base(dossierB)}/messages`);
      const token = messageToken(other);
      assert.equal(
        (await other.post(`${base(dossierB)}/approvals/${id}/reauth`, { _csrf: token })).statusCode,
        404,
      );
      // In dossier A, where they have no approve right, whatever the id: their rights say no.
      assert.equal((await other.post(`${approvalUrl}/reauth`, { _csrf: token })).statusCode, 403);
      assert.equal(
        (await other.post(`${base(dossierA)}/approvals/nope/reauth`, { _csrf: token })).statusCode,
        403,
      );
      assert.equal(
        (await other.post(`${base(dossierA)}/approvals`, { document: docId, contact: reader, _csrf: token }))
          .statusCode,
        403,
      );
      const staff = await staffBrowser();
      assert.equal((await staff.get(`${base(dossierB)}/approvals/${id}`)).statusCode, 404);
    });

    it("a refusal with its reason is recorded, in the trail and the certificate; old sign-in attempts are swept", async () => {
      const staff = await staffBrowser();
      await staff.get(`${base(dossierA)}/approvals`);
      const asked = await staff.post(`${base(dossierA)}/approvals`, {
        document: docId,
        contact: camille,
        note: "v2",
      });
      const url = String(asked.headers.location);
      const person = await contactBrowser(camille);
      await person.get(url);
      const start = await person.post(`${url}/reauth`, {});
      const back = await clickThroughIdentity(
        identity.app,
        String(start.headers.location),
        demoPersonalAccount,
      );
      assert.equal((await person.get(back.pathname + back.search)).headers.location, `${url}?reauth=ok`);
      await person.get(url);
      const refused = await person.post(`${url}/decide`, {
        decision: "refused",
        comment: "Le résultat est faux",
      });
      assert.equal(refused.statusCode, 303);
      const row = await h.ctx.db
        .selectFrom("approval")
        .selectAll()
        .where("id", "=", url.split("/").pop() ?? "")
        .executeTakeFirstOrThrow();
      assert.equal(row.status, "refused");
      assert.equal(row.version_number, 1);
      assert.equal(row.comment, "Le résultat est faux");
      const text = await pdfText((await person.get(`${url}/certificate.pdf`)).rawPayload);
      assert.match(text, /Refused/);
      assert.match(text, /Le résultat est faux/);
      const trail = await h.ctx.db
        .selectFrom("document_event")
        .select("action")
        .where("document_id", "=", docId)
        .execute();
      assert.ok(trail.some((e) => e.action === "refused"));
      await h.ctx.db
        .updateTable("approval_reauth")
        .set({ started_at: Date.now() - 25 * 3600 * 1000 })
        .execute();
      const swept = await sweepExpired(narrow<unknown, PortalDB>(h.ctx.db), portalExpiry);
      assert.equal(swept.approval_reauth, 1);
      assert.deepEqual(await h.ctx.db.selectFrom("approval_reauth").select("state").execute(), []);
    });

    it("a fresh sign-in as another person than the contact does not allow a decision", async () => {
      const staff = await staffBrowser();
      await staff.get(`${base(dossierA)}/approvals`);
      const asked = await staff.post(`${base(dossierA)}/approvals`, {
        document: docId,
        contact: camille,
        note: "",
      });
      const url = String(asked.headers.location);
      const person = await contactBrowser(camille);
      await person.get(url);
      const start = await person.post(`${url}/reauth`, {});
      const back = await clickThroughIdentity(
        identity.app,
        String(start.headers.location),
        demoPersonalAccount,
      );
      // The contact's account is now someone else's: the token's (tid, oid) do not match.
      await h.ctx.db
        .updateTable("contact")
        .set({ oid: "00000000-0000-0000-0000-00000000dead" })
        .where("id", "=", camille)
        .execute();
      const callback = await person.get(back.pathname + back.search);
      assert.equal(callback.headers.location, `${url}?reauth=wrongPerson`);
      const page = await person.get(String(callback.headers.location));
      assert.match(pageText(page.body), /another account than the contact/);
      assert.equal(
        (await person.post(`${url}/decide`, { decision: "approved", comment: "" })).statusCode,
        403,
      );
    });
  });
}
