import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { insertDossier } from "../dossiers/dossier-queries";
import type { Firm, Staff } from "../firms/firm-queries";
import {
  addStaff,
  PortalBrowser,
  type PortalHarness,
  pageText,
  seedTestFirm,
  startTestPortal,
} from "../testing/portal-harness";

const dossiersCsv = [
  "raison sociale;siren;siret;adresse;expert-comptable;état",
  "Boulangerie Martin;812 345 676;81234567600017;12 rue de la Paroisse, Versailles;julien@ypn.example;actif",
  "Garage Faux;123456789;;4 avenue de Paris;;",
  "Sans adresse;434567897;;;;",
  "Doublon;812345676;;5 rue Y;;",
  "Inconnu;905678900;;6 rue Z;nobody@ypn.example;",
].join("\n");

for (const target of await testTargets()) {
  describe(`CSV import (${target.label})`, () => {
    let h: PortalHarness;
    let firm: Firm;
    let admin: Staff;
    before(async () => {
      h = await startTestPortal(target);
      ({ firm, admin } = await seedTestFirm(h.ctx));
      await addStaff(h.ctx, firm, "accountant", "julien@ypn.example");
    });
    after(() => h.close());

    const count = async (table: "dossier" | "contact") =>
      Number(
        (
          await h.ctx.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );

    async function submit(kind: string, csv: string, mode: "check" | "apply") {
      const browser = new PortalBrowser(h);
      await browser.signInAs(admin);
      await browser.get("/YPN/import");
      return browser.post("/YPN/import", { kind, csv, mode });
    }

    it("the dry run lists each bad line with its number and reason, and writes nothing", async () => {
      const response = await submit("dossiers", dossiersCsv, "check");
      assert.equal(response.statusCode, 400);
      const text = pageText(response.body);
      assert.match(text, /4 ligne\(s\) en erreur/);
      assert.match(text, /Ligne 3 : Ce SIREN n'est pas valide/);
      assert.match(text, /Ligne 4 : Indiquez l'adresse/);
      assert.match(text, /Ligne 5 : Un dossier existe déjà avec ce SIREN/);
      assert.match(text, /Ligne 6 : L'expert-comptable indiqué ne fait pas partie du cabinet/);
      assert.doesNotMatch(text, /Ligne 2 /);
      assert.equal(await count("dossier"), 0);
    });

    it("applying a file with any bad line writes nothing at all", async () => {
      const response = await submit("dossiers", dossiersCsv, "apply");
      assert.equal(response.statusCode, 400);
      assert.equal(await count("dossier"), 0);
    });

    it("a clean file is checked, then imported in full", async () => {
      const clean = dossiersCsv
        .split("\n")
        .slice(0, 2)
        .concat("Atelier Lefèvre,;434567897;;27 chemin des Vignes;;archivé")
        .join("\n");
      const check = await submit("dossiers", clean, "check");
      assert.equal(check.statusCode, 200);
      assert.match(pageText(check.body), /2 ligne\(s\) valide\(s\)/);
      assert.equal(await count("dossier"), 0);
      const applied = await submit("dossiers", clean, "apply");
      assert.match(pageText(applied.body), /2 ligne\(s\) importée\(s\)/);
      const rows = await h.ctx.db
        .selectFrom("dossier")
        .select(["siren", "status", "accountant_id"])
        .orderBy("siren")
        .execute();
      assert.deepEqual(
        rows.map((r) => [r.siren, r.status]),
        [
          ["434567897", "archived"],
          ["812345676", "active"],
        ],
      );
    });

    it("imports interlocuteurs linked to existing dossiers, refusing bad addresses, phones and unknown SIRENs", async () => {
      await insertDossier(h.ctx.db, firm.id, {
        name: "Garage",
        siren: "905678900",
        siret: null,
        address: "x",
        accountantId: null,
        status: "active",
      });
      const csv = [
        "civilité,prénom,nom,email,téléphone,langue,dossier,droits",
        "Mme,Camille,Durand,camille@example.fr,06 12 34 56 78,fr,812345676,lecture dépôt",
        "M.,Paul,Martin,pas-une-adresse,0612,en,905678900,",
        "Madame,Léa,Roux,lea@example.fr,,fr,111111118,",
        "Mme,Camille,Bis,CAMILLE@example.fr,,fr,,",
      ].join("\n");
      const report = await submit("interlocuteurs", csv, "check");
      const text = pageText(report.body);
      assert.equal(report.statusCode, 400);
      assert.match(text, /Ligne 3 : Indiquez une adresse courriel valide.*Ce numéro n'est pas reconnu/);
      assert.match(text, /Ligne 4 : Aucun dossier du cabinet n'a le SIREN/);
      assert.match(text, /Ligne 5 : Un interlocuteur existe déjà avec cette adresse/);
      assert.equal(await count("contact"), 0);
      const applied = await submit("interlocuteurs", csv.split("\n").slice(0, 2).join("\n"), "apply");
      assert.match(pageText(applied.body), /1 ligne\(s\) importée\(s\)/);
      const contact = await h.ctx.db.selectFrom("contact").selectAll().executeTakeFirstOrThrow();
      assert.equal(contact.phone, "+33612345678");
      const link = await h.ctx.db.selectFrom("contact_dossier").selectAll().executeTakeFirstOrThrow();
      assert.equal(link.can_upload, 1);
    });

    it("content that is not CSV is told plainly", async () => {
      const response = await submit("dossiers", '"unterminated', "check");
      assert.equal(response.statusCode, 400);
      assert.match(pageText(response.body), /n'a pas pu être lu comme un fichier CSV/);
    });
  });
}
