import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { requestAccountDeletion } from "@sesame/identity/account-deletion/deletion-operations";
import { findAccountById } from "@sesame/identity/accounts/account-queries";
import { startIdentityJobs } from "@sesame/identity/identity-jobs";
import { addPersonalAccount } from "@sesame/identity/testing/test-accounts";
import { DAY_MS } from "@sesame/kit/db/expiry-sweeper";
import { testTargets } from "@sesame/kit/db/test-databases";
import { findContact, insertContact } from "../contacts/contact-queries";
import type { Firm } from "../firms/firm-queries";
import { contactState } from "../invitations/invitation-rules";
import { seedTestFirm } from "../testing/portal-harness";
import { type PortalWithIdentity, startPortalWithIdentity } from "../testing/with-identity";
import { refreshReadiness } from "./readiness-operations";
import { CONSUMER_TENANT_ID } from "./readiness-rules";

for (const target of await testTargets()) {
  describe(`a contact whose Microsoft account was deleted (${target.label})`, () => {
    let stack: PortalWithIdentity;
    let firm: Firm;
    before(async () => {
      stack = await startPortalWithIdentity(target);
      ({ firm } = await seedTestFirm(stack.portal.ctx));
    });
    after(() => stack.close());

    it("shows as 'account deleted' at the next readiness check once identity erased it, and can be invited again", async () => {
      const identity = stack.identity.identity.ctx;
      const portal = stack.portal.ctx;
      const email = "honorine.delaunay@outlook.fr";
      const oid = await addPersonalAccount(identity.db, { email, password: "Pivoine-Ardoise-52" });
      const contact = await insertContact(portal.db, firm.id, {
        civility: "mme",
        firstName: "Honorine",
        lastName: "Delaunay",
        email,
        phone: null,
        language: "fr",
      });
      // As the first sign-in does: from then on the contact is (tid, oid).
      await portal.db
        .updateTable("contact")
        .set({ tid: CONSUMER_TENANT_ID, oid })
        .where("id", "=", contact.id)
        .execute();
      const bound = { ...contact, oid };
      assert.equal((await refreshReadiness(portal, bound)).kind, "personal");

      const account = await findAccountById(identity.db, oid);
      assert.ok(account);
      await requestAccountDeletion(identity, account, { source: "192.0.2.1", now: Date.now() });
      // During the 30 days the account still exists (its holder may reopen it).
      assert.equal((await refreshReadiness(portal, bound)).kind, "personal");
      const runner = startIdentityJobs(identity, { now: () => Date.now() + 31 * DAY_MS, timer: false });
      assert.equal(await runner.runOnce(), 1);
      await runner.stop();

      assert.equal((await refreshReadiness(portal, bound)).kind, "deleted");
      const stored = await findContact(portal.db, firm.id, contact.id);
      assert.ok(stored);
      assert.equal(stored.oid, null, "unbound: a new invitation can bind the next account");
      assert.equal(contactState(stored, undefined), "account_deleted");
    });
  });
}
