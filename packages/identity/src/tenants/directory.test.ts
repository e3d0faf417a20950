import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import type { Kysely } from "kysely";
import type { Account } from "../accounts/account-queries";
import { findAccountById } from "../accounts/account-queries";
import type { IdentityContext } from "../context";
import { seedOrganization } from "../demo/organization-seed";
import { deleteWorkAccount, setAccountEnabled } from "../directory/work-accounts";
import { assignLicence, requireSku, setSeats, unassignLicence } from "../licences/licence-operations";
import { listSubscriptions } from "../licences/licence-queries";
import { findRole, ROLES } from "../roles/role-catalogue";
import { assignRole, removeRole } from "../roles/role-operations";
import { rolesOf, wids } from "../roles/role-queries";
import type { IdentityDB } from "../storage/schema";
import { type IdentityHarness, startTestIdentity } from "../testing/identity-harness";
import { DirectoryError } from "./directory-error";
import { fastArgon2 } from "./directory-test-support";
import { addDomain, createTenant, listDomains, verifyDomain } from "./tenant-operations";
import { resolveTenantSegment, tenantOfDomain } from "./tenant-queries";

const refused = (code: string) => (error: unknown) => error instanceof DirectoryError && error.code === code;

for (const target of await testTargets()) {
  describe(`organizations: tenants, domains, roles, licences (${target.label})`, () => {
    let h: IdentityHarness;
    let ctx: IdentityContext;
    before(async () => {
      h = await startTestIdentity(target, { env: fastArgon2 });
      ctx = h.identity.ctx;
    });
    after(() => h.close());

    const seed = (prefix: string, extra: Partial<Parameters<typeof seedOrganization>[1]> = {}) =>
      seedOrganization(ctx, {
        displayName: `Org ${prefix}`,
        country: "FR",
        prefix,
        users: [
          {
            userName: "admin",
            displayName: "Admin",
            password: "Admin-Password-1",
            roles: ["Global Administrator"],
          },
          { userName: "second", displayName: "Second", password: "Second-Password-1" },
          { userName: "third", displayName: "Third", password: "Third-Password-1" },
        ],
        ...extra,
      });
    const user = (org: Awaited<ReturnType<typeof seed>>, name: string) => org.users.get(name) as Account;
    const reload = async (a: Account) => (await findAccountById(ctx.db, a.id)) as Account;
    const tx = <R>(fn: (trx: Kysely<IdentityDB>) => Promise<R>) => ctx.db.transaction().execute(fn);

    it("creates an organization whose initial onmicrosoft.com domain is verified and default", async () => {
      const { tenant, initialDomain } = await tx((trx) =>
        createTenant(trx, {
          displayName: "Boulangerie Pâtisserie",
          country: "FR",
          suffix: "onmicrosoft.com",
        }),
      );
      assert.equal(initialDomain, "boulangeriepatisserie.onmicrosoft.com");
      const [domain] = await listDomains(ctx.db, tenant.id);
      assert.equal(domain?.is_default, 1);
      assert.ok(domain?.verified_at);
      assert.equal((await resolveTenantSegment(ctx.db, initialDomain))?.kind, "tenant");
    });

    it("refuses a domain already added to another organization, with a clear error", async () => {
      const a = await seed("dupa");
      const b = await seed("dupb");
      const platform = { suffix: "onmicrosoft.com", consumerDomains: ["outlook.fr"] };
      await tx((trx) => addDomain(trx, a.tenant.id, "shared-example.fr", platform));
      await assert.rejects(
        tx((trx) => addDomain(trx, b.tenant.id, "Shared-Example.fr", platform)),
        refused("directory.error.domainTaken"),
      );
      await assert.rejects(
        tx((trx) => addDomain(trx, b.tenant.id, "x.outlook.fr", platform)),
        refused("directory.error.domainReserved"),
      );
      await assert.rejects(
        tx((trx) => addDomain(trx, b.tenant.id, "not a domain", platform)),
        refused("directory.error.domainName"),
      );
    });

    it("verifies a domain only with the TXT value it issued", async () => {
      const org = await seed("verify");
      const platform = { suffix: "onmicrosoft.com", consumerDomains: [] };
      const added = await tx((trx) => addDomain(trx, org.tenant.id, "verify-me.fr", platform));
      assert.match(added.verification_token, /^MS=ms\d{8}$/);
      assert.equal(await tenantOfDomain(ctx.db, "verify-me.fr"), undefined);
      await assert.rejects(
        tx((trx) => verifyDomain(trx, org.tenant.id, "verify-me.fr", "MS=ms00000000x")),
        refused("directory.error.tokenMismatch"),
      );
      await tx((trx) => verifyDomain(trx, org.tenant.id, "verify-me.fr", ` ${added.verification_token} `));
      assert.equal((await tenantOfDomain(ctx.db, "verify-me.fr"))?.id, org.tenant.id);
    });

    it("never lets an organization lose its last Global Administrator", async () => {
      const org = await seed("lastga");
      const admin = user(org, "admin");
      const ga = findRole("Global Administrator");
      assert.ok(ga);
      await assert.rejects(
        tx((trx) => removeRole(trx, admin, ga)),
        refused("directory.error.lastGlobalAdmin"),
      );
      await assert.rejects(
        tx((trx) => setAccountEnabled(trx, admin, false)),
        refused("directory.error.lastGlobalAdmin"),
      );
      await assert.rejects(
        tx((trx) => deleteWorkAccount(trx, admin)),
        refused("directory.error.lastGlobalAdmin"),
      );
      assert.deepEqual(await rolesOf(ctx.db, admin.id), [ROLES.globalAdministrator]);
      assert.equal((await reload(admin)).enabled, 1);
    });

    it("lets only one of two simultaneous removals of the last two Global Administrators succeed", async () => {
      const org = await seed("racega");
      const ga = findRole("Global Administrator");
      assert.ok(ga);
      await tx((trx) => assignRole(trx, user(org, "second"), ga));
      const results = await Promise.allSettled([
        tx((trx) => removeRole(trx, user(org, "admin"), ga)),
        tx((trx) => removeRole(trx, user(org, "second"), ga)),
      ]);
      assert.equal(results.filter((r) => r.status === "fulfilled").length, 1);
      const left = [
        ...(await rolesOf(ctx.db, user(org, "admin").id)),
        ...(await rolesOf(ctx.db, user(org, "second").id)),
      ];
      assert.deepEqual(left, [ROLES.globalAdministrator]);
    });

    it("puts the roles' template ids in wids, with the member User template", async () => {
      const org = await seed("wids");
      const appAdmin = findRole("applicationAdministrator");
      assert.ok(appAdmin);
      await tx((trx) => assignRole(trx, user(org, "second"), appAdmin));
      assert.deepEqual(await wids(ctx.db, user(org, "second").id), [
        ROLES.applicationAdministrator,
        "b79fbf4d-3ef9-4689-8143-76b194e85509",
      ]);
    });

    it("refuses a licence past the seat count and writes nothing", async () => {
      const org = await seed("seats", { subscriptions: [{ sku: "O365_BUSINESS_PREMIUM", seats: 1 }] });
      const sku = await requireSku(ctx.db, "O365_BUSINESS_PREMIUM");
      await tx((trx) => assignLicence(trx, user(org, "admin"), sku));
      await assert.rejects(
        tx((trx) => assignLicence(trx, user(org, "second"), sku)),
        refused("directory.error.noSeats"),
      );
      const [subscription] = await listSubscriptions(ctx.db, org.tenant.id);
      assert.equal(subscription?.assigned, 1);
      await assert.rejects(
        tx((trx) => setSeats(trx, org.tenant.id, sku, 0)),
        refused("directory.error.seatsBelowAssigned"),
      );
      await tx((trx) => unassignLicence(trx, user(org, "admin"), sku));
      await tx((trx) => setSeats(trx, org.tenant.id, sku, 0));
    });

    it("gives the last seat to exactly one of two simultaneous assignments", async () => {
      const org = await seed("lastseat", { subscriptions: [{ sku: "SPB", seats: 1 }] });
      const sku = await requireSku(ctx.db, "SPB");
      const results = await Promise.allSettled([
        tx((trx) => assignLicence(trx, user(org, "second"), sku)),
        tx((trx) => assignLicence(trx, user(org, "third"), sku)),
      ]);
      assert.equal(results.filter((r) => r.status === "fulfilled").length, 1);
      const [subscription] = await listSubscriptions(ctx.db, org.tenant.id);
      assert.equal(subscription?.assigned, 1);
    });

    it("releases a deleted user's seat", async () => {
      const org = await seed("release", { subscriptions: [{ sku: "O365_BUSINESS_ESSENTIALS", seats: 1 }] });
      const sku = await requireSku(ctx.db, "O365_BUSINESS_ESSENTIALS");
      await tx((trx) => assignLicence(trx, user(org, "second"), sku));
      await tx((trx) => deleteWorkAccount(trx, user(org, "second")));
      assert.equal(await findAccountById(ctx.db, user(org, "second").id), undefined);
      await tx((trx) => assignLicence(trx, user(org, "third"), sku));
      const [subscription] = await listSubscriptions(ctx.db, org.tenant.id);
      assert.equal(subscription?.assigned, 1);
    });
  });
}
