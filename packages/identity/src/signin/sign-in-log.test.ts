import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { recentSignInsOf } from "../account-page/account-activity-queries";
import { findAccountByEmail } from "../accounts/account-queries";
import { listSignIns } from "../audit/audit-log";
import { demoPersonalAccount, seedIdentityDemo } from "../demo/demo-data";
import { Browser, type IdentityHarness, startTestIdentity } from "../testing/identity-harness";

const emma = { email: "emma.petit@boulangerie-martin.fr", password: "Farine-Levain-29" };

for (const target of await testTargets()) {
  describe(`sign-in log of an organization (${target.label})`, () => {
    let h: IdentityHarness;
    before(async () => {
      h = await startTestIdentity(target);
      await seedIdentityDemo(h.identity.ctx);
    });
    after(() => h.close());

    it("records each password attempt for the account holder, and a work account's for its admins only", async () => {
      const signIn = async (email: string, password: string) => {
        const browser = new Browser(h.app);
        await browser.get("/login");
        await browser.post("/login", { email });
        return browser.post("/login/password", { email, password });
      };
      await signIn(emma.email, "pas-le-bon-mot-de-passe");
      await signIn(emma.email, emma.password);
      await signIn(demoPersonalAccount.email, "pas-le-bon-mot-de-passe");
      await signIn(demoPersonalAccount.email, demoPersonalAccount.password);

      const account = await findAccountByEmail(h.identity.ctx.db, emma.email);
      const log = await listSignIns(h.identity.ctx.db, account!.tenant_id);
      assert.deepEqual(log.map((row) => `${row.user_principal_name} ${row.result}`).sort(), [
        `${emma.email} 50126`,
        `${emma.email} success`,
      ]);
      // A personal account's attempts are its holder's to read on the account page (issue 16), in
      // the consumers' log that no administrator reads, never in an organization's.
      const personal = await findAccountByEmail(h.identity.ctx.db, demoPersonalAccount.email);
      assert.notEqual(personal!.tenant_id, account!.tenant_id);
      const own = await recentSignInsOf(h.identity.ctx.db, personal!.id, 20);
      assert.deepEqual(own.map((row) => row.result).sort(), ["50126", "success"]);
    });
  });
}
