import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { PortalBrowser, type PortalHarness, pageText, startTestPortal } from "../testing/portal-harness";
import { csvField, toCsv } from "./activity-csv";
import { parisDayStart, parseActivityFilter } from "./activity-filter";
import { type DocumentWorld, seedDocumentWorld, tinyPdf, upload, uploadToken } from "./document-test-support";
import { ensureFolders } from "./folder-operations";

describe("activity CSV and filter rules", () => {
  it("quotes separators, quotes and line breaks, and defuses formulas", () => {
    assert.equal(csvField("a;b", ";"), '"a;b"');
    assert.equal(csvField('dit "oui"', ";"), '"dit ""oui"""');
    assert.equal(csvField("deux\nlignes", ","), '"deux\nlignes"');
    assert.equal(csvField('=HYPERLINK("x")', ","), '"\'=HYPERLINK(""x"")"');
    assert.equal(csvField("-2", ";"), '"\'-2"');
    assert.equal(csvField(null, ";"), "");
    const file = toCsv(["Date", "Personne"], [["2026-01-02 10:00:00", "a@b.example"]], "fr");
    assert.ok(file.startsWith("\uFEFFDate;Personne\r\n"));
    assert.ok(toCsv(["Date", "Person"], [], "en").startsWith("\uFEFFDate,Person\r\n"));
  });

  it("reads days in Paris time and refuses impossible dates or an end before the start", () => {
    assert.equal(parisDayStart("2026-07-01"), Date.UTC(2026, 5, 30, 22), "summer: UTC+2");
    assert.equal(parisDayStart("2026-01-15"), Date.UTC(2026, 0, 14, 23), "winter: UTC+1");
    assert.equal(parisDayStart("2026-02-30"), undefined);
    assert.deepEqual(parseActivityFilter({ from: "2026-03-02", to: "2026-03-01" }), { ok: false });
    assert.deepEqual(parseActivityFilter({ action: "hacked" }), { ok: false });
    const day = parseActivityFilter({ from: "2026-01-15", to: "2026-01-15", action: "deleted" });
    assert.ok(day.ok);
    assert.equal(day.filter.until, Date.UTC(2026, 0, 15, 23) - 1);
    assert.equal(day.filter.action, "deleted");
  });
});

for (const target of await testTargets()) {
  describe(`dossier activity over HTTP (${target.label})`, () => {
    let h: PortalHarness;
    let w: DocumentWorld;
    const docs = (dossier: string) => `/YPN/dossiers/${dossier}/documents`;
    const activity = (dossier: string) => `/YPN/dossiers/${dossier}/activity`;

    before(async () => {
      h = await startTestPortal(target);
      w = await seedDocumentWorld(h.ctx);
      const [folder] = await ensureFolders(h.ctx, { firmId: w.firm.id, dossierId: w.dossierA });
      const client = new PortalBrowser(h);
      await client.signInContact(w.uploaderA, w.firm.id);
      await client.get(docs(w.dossierA));
      const sent = await upload(
        h.app,
        client,
        docs(w.dossierA),
        folder?.id ?? "",
        [{ name: "Bilan; été.pdf", content: tinyPdf() }],
        uploadToken(client),
      );
      assert.equal(sent.statusCode, 201, sent.body);
      const id = sent.json().files[0].id;
      await client.get(`${docs(w.dossierA)}/${id}/download`);
      await client.get(`${docs(w.dossierA)}/${id}/preview`);
      const staff = new PortalBrowser(h);
      await staff.signInAs(w.admin);
      await staff.get(docs(w.dossierA));
      assert.equal((await staff.post(`${docs(w.dossierA)}/${id}/delete`, {})).statusCode, 303);
      await staff.get(docs(w.dossierA));
      assert.equal((await staff.post(`${docs(w.dossierA)}/${id}/restore`, {})).statusCode, 303);
    });
    after(() => h.close());

    const staffBrowser = async (language: "fr" | "en" = "fr") => {
      const b = new PortalBrowser(h, language);
      await b.signInAs(w.admin);
      return b;
    };

    it("shows uploaded, downloaded, previewed, deleted and restored with who and from which IP", async () => {
      const b = await staffBrowser();
      const page = await b.get(activity(w.dossierA));
      assert.equal(page.statusCode, 200);
      const text = pageText(page.body);
      for (const action of ["Dépôt", "Téléchargement", "Aperçu", "Mise à la corbeille", "Restauration"])
        assert.match(text, new RegExp(action));
      assert.match(text, /claire@client-a\.example/);
      assert.match(text, /admin@ypn\.example/);
      assert.match(text, /127\.0\.0\.1/);
      assert.match(text, /5 événement/);
    });

    it("filters by action, person and dates", async () => {
      const b = await staffBrowser();
      const deleted = pageText((await b.get(`${activity(w.dossierA)}?action=deleted`)).body);
      assert.match(deleted, /1 événement/);
      assert.match(deleted, /admin@ypn\.example/);
      const byClient = pageText(
        (await b.get(`${activity(w.dossierA)}?person=claire%40client-a.example`)).body,
      );
      assert.match(byClient, /3 événement/);
      assert.doesNotMatch(byClient, /Restauration Bilan/);
      const today = new Date().toLocaleDateString("sv-SE", { timeZone: "Europe/Paris" });
      assert.match(
        pageText((await b.get(`${activity(w.dossierA)}?from=${today}&to=${today}`)).body),
        /5 événement/,
      );
      assert.match(pageText((await b.get(`${activity(w.dossierA)}?to=2020-01-01`)).body), /Aucune activité/);
      const wrong = await b.get(`${activity(w.dossierA)}?from=2026-02-30`);
      assert.equal(wrong.statusCode, 400);
      assert.match(pageText(wrong.body), /filtre n'est pas valable/);
    });

    it("exports the filtered trail as CSV: BOM, separator of the language, escaped names, IP", async () => {
      const fr = await (await staffBrowser()).get(
        `${activity(w.dossierA)}.csv?person=claire%40client-a.example`,
      );
      assert.equal(fr.statusCode, 200);
      assert.match(String(fr.headers["content-type"]), /text\/csv/);
      assert.match(
        String(fr.headers["content-disposition"]),
        /attachment; filename="activite-Boulangerie A\.csv"/,
      );
      const body = fr.rawPayload.toString("utf8");
      assert.ok(body.startsWith("\uFEFFDate;Personne;Action;Document;Version;Adresse IP\r\n"));
      const lines = body.trimEnd().split("\r\n");
      assert.equal(lines.length, 4, "header and three events of the client");
      assert.match(
        lines[3] ?? "",
        /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d;claire@client-a\.example;Dépôt;"Bilan; été\.pdf";1;127\.0\.0\.1$/,
      );
      const en = await (await staffBrowser("en")).get(`${activity(w.dossierA)}.csv?action=restored`);
      const enLines = en.rawPayload.toString("utf8").trimEnd().split("\r\n");
      assert.equal(enLines[0], "\uFEFFDate,Person,Action,Document,Version,IP address");
      assert.match(enLines[1] ?? "", /,admin@ypn\.example,Restore,Bilan; été\.pdf,,127\.0\.0\.1$/);
      assert.equal(
        (await (await staffBrowser()).get(`${activity(w.dossierA)}.csv?action=nope`)).statusCode,
        400,
      );
    });

    it("is for the firm's staff: a contact gets 403 on their dossier and 404 elsewhere", async () => {
      const client = new PortalBrowser(h);
      await client.signInContact(w.uploaderA, w.firm.id);
      assert.equal((await client.get(activity(w.dossierA))).statusCode, 403);
      assert.equal((await client.get(`${activity(w.dossierA)}.csv`)).statusCode, 403);
      assert.equal((await client.get(`${activity(w.dossierB)}.csv`)).statusCode, 404);
      const other = new PortalBrowser(h);
      await other.signInAs(w.otherAdmin);
      assert.equal((await other.get(`/AUTRE/dossiers/${w.dossierA}/activity.csv`)).statusCode, 404);
    });
  });
}
