import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { runCli } from "../cli";
import { type IdentityConfig, loadIdentityConfig } from "../config";
import { fastArgon2 } from "./directory-test-support";

for (const target of await testTargets()) {
  describe(`sesame tenant|user|role|licence|consent commands (${target.label})`, () => {
    let config: IdentityConfig;
    before(async () => {
      config = loadIdentityConfig({
        SESAME_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "sesame-cli-")),
        DATABASE_URL: await target.freshUrl(),
        SESAME_LOG_LEVEL: "silent",
        ...fastArgon2,
      });
    });

    async function sesame(line: string): Promise<{ code: number; out: string }> {
      const words = line.match(/"[^"]*"|\S+/g)?.map((w) => w.replace(/^"|"$/g, "")) ?? [];
      let out = "";
      const code = await runCli(words, config, (text) => {
        out += text;
      });
      return { code, out };
    }
    const json = async (line: string) => {
      const result = await sesame(`${line} --json`);
      assert.equal(result.code, 0, result.out);
      return JSON.parse(result.out);
    };

    it("creates an organization, verifies a domain, adds a user with a role and a licence", async () => {
      const tenant = await json('tenant create "Garage Dupont" --country FR');
      assert.equal(tenant.initialDomain, "garagedupont.onmicrosoft.com");
      const domain = await json("tenant add-domain garagedupont.onmicrosoft.com garage-dupont.fr");
      assert.match(domain.txtRecord, /^MS=ms\d{8}$/);
      const wrong = await sesame(
        "tenant verify-domain garagedupont.onmicrosoft.com garage-dupont.fr --token MS=ms1",
      );
      assert.equal(wrong.code, 2);
      assert.match(wrong.out, /^error: The pasted value does not match the TXT record/);
      await json(`tenant verify-domain ${tenant.id} garage-dupont.fr --token ${domain.txtRecord}`);
      const user = await json('user create paul@garage-dupont.fr --name "Paul Dupont"');
      assert.equal(user.mustChangePassword, true);
      assert.ok(user.temporaryPassword);
      await json("role assign paul@garage-dupont.fr globalAdministrator");
      await json("licence add garage-dupont.fr O365_BUSINESS_PREMIUM --seats 1");
      await json("licence assign paul@garage-dupont.fr O365_BUSINESS_PREMIUM");
      const [subscription] = await json("licence list garage-dupont.fr");
      assert.deepEqual(
        [subscription.skuPartNumber, subscription.assigned, subscription.seats],
        ["O365_BUSINESS_PREMIUM", 1, 1],
      );
      const roles = await json("role list garage-dupont.fr");
      assert.deepEqual(
        roles.find((r: { displayName: string }) => r.displayName === "Global Administrator").members,
        ["paul@garage-dupont.fr"],
      );
    });

    it("explains every refusal in one line with exit code 2", async () => {
      await json('user create marie@garage-dupont.fr --name "Marie" --password Correct-Horse-9');
      const cases: [string, RegExp][] = [
        [
          "licence assign marie@garage-dupont.fr O365_BUSINESS_PREMIUM",
          /All Microsoft 365 Business Standard licenses \(1\) are assigned/,
        ],
        ["licence set-seats garage-dupont.fr O365_BUSINESS_PREMIUM --seats 0", /Cannot go below 1/],
        ["role remove paul@garage-dupont.fr globalAdministrator", /last active Global Administrator/],
        ["user disable paul@garage-dupont.fr", /last active Global Administrator/],
        [
          "tenant add-domain garagedupont.onmicrosoft.com garage-dupont.fr",
          /already added to an organization/,
        ],
        ["role assign marie@garage-dupont.fr Emperor", /The role “Emperor” does not exist/],
        ["user create nobody@unknown-domain.fr --name X", /No organization matches “unknown-domain.fr”/],
        ["licence add garage-dupont.fr NOPE --seats 1", /The product “NOPE” is not in the catalogue/],
        ["licence add garage-dupont.fr SPB --seats many", /--seats must be a whole number/],
        ["user create short@garage-dupont.fr --name Short --password abc", /at least 8 characters/],
        ["consent set garage-dupont.fr maybe", /say allow or deny/],
      ];
      for (const [line, message] of cases) {
        const result = await sesame(line);
        assert.equal(result.code, 2, line);
        assert.match(result.out, message, line);
      }
    });

    it("sets the user-consent policy", async () => {
      assert.equal((await json("consent set garage-dupont.fr deny")).userConsentAllowed, false);
      assert.equal((await json("consent show garage-dupont.fr")).userConsentAllowed, false);
      assert.match((await sesame("consent show garage-dupont.fr")).out, /users may not consent/);
    });

    it("blocks and allows the password grant (ROPC)", async () => {
      assert.equal((await json("password-grant show garage-dupont.fr")).passwordGrantAllowed, true);
      assert.equal((await json("password-grant set garage-dupont.fr deny")).passwordGrantAllowed, false);
      assert.match((await sesame("password-grant show garage-dupont.fr")).out, /\(ROPC\) blocked/);
      assert.equal((await sesame("password-grant set garage-dupont.fr maybe")).code, 2);
      assert.equal((await json("password-grant set garage-dupont.fr allow")).passwordGrantAllowed, true);
    });

    it("lists organizations and users as JSON", async () => {
      const tenants = await json("tenant list");
      assert.deepEqual(
        tenants.map((t: { displayName: string }) => t.displayName),
        ["Garage Dupont"],
      );
      const users = await json("user list garage-dupont.fr");
      assert.deepEqual(users.map((u: { userPrincipalName: string }) => u.userPrincipalName).sort(), [
        "marie@garage-dupont.fr",
        "paul@garage-dupont.fr",
      ]);
      await json("user disable marie@garage-dupont.fr");
      await json("user delete marie@garage-dupont.fr");
      assert.equal((await json("user list garage-dupont.fr")).length, 1);
    });
    it("lets a reseller create a customer tenant with its administrator and seats", async () => {
      await json('tenant create "Grossiste Licences" --country FR --prefix grossiste');
      const refused = await sesame(
        'reseller create-customer grossiste.onmicrosoft.com "Client Un" --country FR --contact-email un@example.org',
      );
      assert.match(refused.out, /is not a reseller/);
      await json("reseller enable grossiste.onmicrosoft.com");
      const customer = await json(
        'reseller create-customer grossiste.onmicrosoft.com "Client Un" --country FR --admin-name "Anne Un" --contact-email un@example.org --sku SPB --seats 2',
      );
      assert.equal(customer.admin, "admin@clientun.onmicrosoft.com");
      const [subscription] = await json("licence list clientun.onmicrosoft.com");
      assert.deepEqual([subscription.skuPartNumber, subscription.seats], ["SPB", 2]);
      const customers = await json("reseller customers grossiste.onmicrosoft.com");
      assert.deepEqual(
        customers.map((c: { displayName: string }) => c.displayName),
        ["Client Un"],
      );
    });
  });
}
