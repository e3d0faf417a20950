import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { createDossier } from "../dossiers/dossier-operations";
import type { StaffRequest } from "../firms/firm-access";
import { type PortalHarness, seedTestFirm, startTestPortal } from "../testing/portal-harness";
import { auditLines, rowCount } from "../testing/store-checks";
import { importLookups } from "./import-lookups";
import { applyImport } from "./import-operations";
import { planImport } from "./import-rows";

const csv = [
  "raison sociale;siren;siret;adresse;expert-comptable;état",
  "Boulangerie Martin;732829320;;1 rue du Four;;actif",
  "Garage du Centre;552100554;;2 rue des Roues;;actif",
].join("\n");

for (const target of await testTargets()) {
  describe(`import operations (${target.label})`, () => {
    let h: PortalHarness;
    let who: StaffRequest;
    before(async () => {
      h = await startTestPortal(target);
      const { firm, admin } = await seedTestFirm(h.ctx);
      who = { firm, staff: admin };
    });
    after(() => h.close());

    it("a SIREN created by someone else after the check rolls the whole file back, unlogged", async () => {
      const plan = planImport("dossiers", csv, await importLookups(h.ctx.db, who.firm.id));
      assert.ok(plan !== "unreadable" && plan.errors.length === 0);
      // Meanwhile a colleague creates the garage by hand.
      await createDossier(h.ctx, who, {
        name: "Garage",
        siren: "552100554",
        siret: null,
        address: "x",
        accountantId: null,
        status: "active",
      });
      assert.deepEqual(await applyImport(h.ctx, who, plan), { ok: false, refusal: "import.failed" });
      assert.equal(await rowCount(h.ctx.db, "dossier"), 1);
      assert.deepEqual(await auditLines(h.ctx.db, who.firm.id), [
        "admin@ypn.example: dossier.create Garage (552100554)",
      ]);
    });

    it("a clean file is created in full through the dossier operation's step, with one audit entry", async () => {
      const plan = planImport(
        "dossiers",
        csv.split("\n").slice(0, 2).join("\n"),
        await importLookups(h.ctx.db, who.firm.id),
      );
      assert.ok(plan !== "unreadable");
      assert.deepEqual(await applyImport(h.ctx, who, plan), { ok: true, count: 1 });
      assert.equal(await rowCount(h.ctx.db, "dossier"), 2);
      assert.ok((await auditLines(h.ctx.db, who.firm.id)).includes("admin@ypn.example: import.dossiers 1"));
    });
  });
}
