import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import type { StaffRequest } from "../firms/firm-access";
import { type PortalHarness, seedTestFirm, startTestPortal } from "../testing/portal-harness";
import { auditLines, rowCount } from "../testing/store-checks";
import { changeDossier, createDossier } from "./dossier-operations";
import { findDossier } from "./dossier-queries";

const boulangerie = {
  name: "Boulangerie Martin",
  siren: "732829320",
  siret: null,
  address: "1 rue du Four, Paris",
  accountantId: null,
  status: "active",
} as const;

for (const target of await testTargets()) {
  describe(`dossier operations (${target.label})`, () => {
    let h: PortalHarness;
    let who: StaffRequest;
    before(async () => {
      h = await startTestPortal(target);
      const { firm, admin } = await seedTestFirm(h.ctx);
      who = { firm, staff: admin };
    });
    after(() => h.close());

    it("a created dossier comes with exactly one audit entry", async () => {
      const created = await createDossier(h.ctx, who, boulangerie);
      assert.equal(created.ok, true);
      assert.equal(await rowCount(h.ctx.db, "dossier"), 1);
      assert.deepEqual(await auditLines(h.ctx.db, who.firm.id), [
        "admin@ypn.example: dossier.create Boulangerie Martin (732829320)",
      ]);
    });

    it("a second dossier with the same SIREN is refused: no row, no audit entry", async () => {
      const again = await createDossier(h.ctx, who, { ...boulangerie, name: "Autre nom" });
      assert.deepEqual(again, { ok: false, refusal: "dossier.error.duplicate" });
      assert.equal(await rowCount(h.ctx.db, "dossier"), 1);
      assert.equal((await auditLines(h.ctx.db, who.firm.id)).length, 1);
    });

    it("changing a dossier to a SIREN the firm has is refused and changes nothing", async () => {
      const other = await createDossier(h.ctx, who, { ...boulangerie, name: "Garage", siren: "552100554" });
      assert.ok(other.ok);
      const changed = await changeDossier(h.ctx, who, other.dossier, { ...boulangerie, name: "Garage" });
      assert.deepEqual(changed, { ok: false, refusal: "dossier.error.duplicate" });
      assert.equal((await findDossier(h.ctx.db, who.firm.id, other.dossier.id))?.siren, "552100554");
      assert.deepEqual(
        (await auditLines(h.ctx.db, who.firm.id)).filter((l) => l.includes("update")),
        [],
      );
      const renamed = await changeDossier(h.ctx, who, other.dossier, {
        ...boulangerie,
        name: "Garage du Centre",
        siren: "552100554",
      });
      assert.equal(renamed.ok, true);
      assert.deepEqual(
        (await auditLines(h.ctx.db, who.firm.id)).filter((l) => l.includes("update")),
        ["admin@ypn.example: dossier.update Garage du Centre (552100554)"],
      );
    });
  });
}
