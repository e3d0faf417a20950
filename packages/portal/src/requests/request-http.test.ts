import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { type DocumentWorld, seedDocumentWorld, tinyPdf } from "../documents/document-test-support";
import { type PortalBrowser, type PortalHarness, pageText, startTestPortal } from "../testing/portal-harness";
import { itemsOfList } from "./request-queries";
import { addDays, parisDay } from "./request-rules";
import { contactBrowser, createList, requestsOf, staffBrowser } from "./request-test-support";

for (const target of await testTargets()) {
  describe(`request lists over HTTP (${target.label})`, () => {
    let h: PortalHarness;
    let w: DocumentWorld;
    const today = parisDay(Date.now());
    before(async () => {
      h = await startTestPortal(target);
      w = await seedDocumentWorld(h.ctx);
    });
    after(() => h.close());

    const items = (listId: string) => itemsOfList(h.ctx.db, listId);
    const answerFile = async (client: PortalBrowser, listId: string, itemId: string, name: string) => {
      const page = await client.get(`${requestsOf(w.dossierA)}/${listId}`);
      assert.equal(page.statusCode, 200);
      const url = `${requestsOf(w.dossierA)}/${listId}/items/${itemId}/upload?_csrf=${encodeURIComponent(client.csrfToken ?? "")}`;
      return client.postFile(
        url,
        {},
        { field: "files", filename: name, type: "application/pdf", content: tinyPdf(name) },
      );
    };

    it("a list answered item by item (file, comment, not applicable), one answer rejected and answered again, then complete", async () => {
      const staff = await staffBrowser(h, w.admin);
      const listId = await createList(staff, w.dossierA, { template: "vat", due: addDays(today, 10) });
      const [sales, purchases, bank] = await items(listId);
      assert.ok(sales && purchases && bank);
      assert.deepEqual([sales.folder_name, bank.folder_name], ["Fiscal", "Pièces comptables"]);

      const client = await contactBrowser(h, w.uploaderA, w.firm.id);
      const sent = await answerFile(client, listId, sales.id, "ventes-t1.pdf");
      assert.equal(sent.statusCode, 303, pageText(sent.body));
      const after1 = (await items(listId))[0];
      assert.equal(after1?.status, "answered");
      assert.equal(after1?.answer_kind, "upload");
      // The file is a document of the item's folder, with the documents' checks (type by content).
      const doc = await h.ctx.db
        .selectFrom("document")
        .innerJoin("document_folder", "document_folder.id", "document.folder_id")
        .innerJoin("document_version", "document_version.document_id", "document.id")
        .select(["document_folder.name as folder", "document.id", "document_version.mime"])
        .where("document.id", "=", after1?.document_id ?? "")
        .executeTakeFirstOrThrow();
      assert.deepEqual([doc.folder, doc.mime], ["Fiscal", "application/pdf"]);

      await client.get(`${requestsOf(w.dossierA)}/${listId}`);
      assert.equal(
        (
          await client.post(`${requestsOf(w.dossierA)}/${listId}/items/${purchases.id}/comment`, {
            text: "Envoyées par courrier le 3.",
          })
        ).statusCode,
        303,
      );
      await client.get(`${requestsOf(w.dossierA)}/${listId}`);
      assert.equal(
        (
          await client.post(`${requestsOf(w.dossierA)}/${listId}/items/${bank.id}/na`, {
            text: "Pas de compte ce trimestre.",
          })
        ).statusCode,
        303,
      );

      // The accountant rejects the comment with a reason: the item goes back to the client.
      await staff.get(`${requestsOf(w.dossierA)}/${listId}`);
      assert.equal(
        (await staff.post(`${requestsOf(w.dossierA)}/${listId}/items/${sales.id}/accept`, {})).statusCode,
        303,
      );
      assert.equal(
        (await staff.post(`${requestsOf(w.dossierA)}/${listId}/items/${bank.id}/accept`, {})).statusCode,
        303,
      );
      assert.equal(
        (
          await staff.post(`${requestsOf(w.dossierA)}/${listId}/items/${purchases.id}/reject`, {
            text: "Il nous faut les factures elles-mêmes.",
          })
        ).statusCode,
        303,
      );
      const back = await client.get(`${requestsOf(w.dossierA)}/${listId}`);
      assert.match(pageText(back.body), /Refusé par le cabinet : Il nous faut les factures elles-mêmes\./);
      assert.match(pageText(back.body), /2 sur 3 acceptés/);
      assert.equal((await answerFile(client, listId, purchases.id, "achats-t1.pdf")).statusCode, 303);
      await staff.get(`${requestsOf(w.dossierA)}/${listId}`);
      assert.equal(
        (await staff.post(`${requestsOf(w.dossierA)}/${listId}/items/${purchases.id}/accept`, {})).statusCode,
        303,
      );
      const done = await client.get(`${requestsOf(w.dossierA)}/${listId}`);
      assert.match(pageText(done.body), /3 sur 3 acceptés · Demande complète/);

      // The dossier's trail says who did what, in order.
      const trail = await h.ctx.db
        .selectFrom("document_event")
        .select(["action", "actor"])
        .where("document_id", "=", listId)
        .orderBy("at")
        .execute();
      const actions = trail.map((e) => e.action);
      assert.deepEqual(actions.filter((a) => a === "request_answered").length, 4);
      assert.deepEqual(actions.filter((a) => a === "answer_rejected").length, 1);
      assert.deepEqual(actions.filter((a) => a === "answer_accepted").length, 3);
      assert.equal(actions[0], "request_created");
      const docsPage = await staff.get(`/YPN/dossiers/${w.dossierA}/documents`);
      assert.match(
        pageText(docsPage.body),
        /admin@ypn\.example a refusé la réponse à « TVA trimestrielle · Factures d'achats du trimestre »/,
      );
    });

    it("a contact of dossier A can neither see nor answer B's lists, nor A's with only the read right; other firms see nothing", async () => {
      const staff = await staffBrowser(h, w.admin);
      const listB = await createList(staff, w.dossierB, { due: addDays(today, 5) });
      const listA = await createList(staff, w.dossierA, { due: addDays(today, 5) });
      const [itemB] = await items(listB);
      const [itemA] = await items(listA);
      assert.ok(itemA && itemB);
      const a = await contactBrowser(h, w.uploaderA, w.firm.id);
      await a.get(requestsOf(w.dossierA));
      assert.equal((await a.get(requestsOf(w.dossierB))).statusCode, 404);
      assert.equal((await a.get(`${requestsOf(w.dossierB)}/${listB}`)).statusCode, 404);
      // B's list through A's address, and A's address with B's item: the same 404.
      assert.equal((await a.get(`${requestsOf(w.dossierA)}/${listB}`)).statusCode, 404);
      await a.get(`${requestsOf(w.dossierA)}/${listA}`);
      assert.equal(
        (await a.post(`${requestsOf(w.dossierA)}/${listA}/items/${itemB.id}/comment`, { text: "x" }))
          .statusCode,
        404,
      );
      await a.get(`${requestsOf(w.dossierA)}/${listA}`);
      assert.equal(
        (await a.post(`${requestsOf(w.dossierB)}/${listB}/items/${itemB.id}/comment`, { text: "x" }))
          .statusCode,
        404,
      );
      await a.get(`${requestsOf(w.dossierA)}/${listA}`);
      const upload = await a.postFile(
        `${requestsOf(w.dossierA)}/${listA}/items/${itemB.id}/upload?_csrf=${encodeURIComponent(a.csrfToken ?? "")}`,
        {},
        { field: "files", filename: "x.pdf", type: "application/pdf", content: tinyPdf() },
      );
      assert.equal(upload.statusCode, 404);
      // Read only on A: sees the list, may not answer.
      const reader = await contactBrowser(h, w.readerA, w.firm.id);
      const seen = await reader.get(`${requestsOf(w.dossierA)}/${listA}`);
      assert.equal(seen.statusCode, 200);
      assert.doesNotMatch(seen.body, /name="text"/);
      // (The token of a page where they may answer: B's list, so the refusal below is the right's.)
      await reader.get(`${requestsOf(w.dossierB)}/${listB}`);
      assert.ok(reader.csrfToken);
      assert.equal(
        (await reader.post(`${requestsOf(w.dossierA)}/${listA}/items/${itemA.id}/comment`, { text: "x" }))
          .statusCode,
        403,
      );
      // A contact may not review or create.
      await a.get(`${requestsOf(w.dossierA)}/${listA}`);
      assert.equal(
        (await a.post(`${requestsOf(w.dossierA)}/${listA}/items/${itemA.id}/accept`, {})).statusCode,
        403,
      );
      await a.get(`${requestsOf(w.dossierA)}/${listA}`);
      assert.equal((await a.post(requestsOf(w.dossierA), { template: "vat", due: today })).statusCode, 403);
      // Staff of another firm: the firm's own URL with the other firm's ids is a 404.
      const other = await staffBrowser(h, w.otherAdmin);
      assert.equal((await other.get(`${requestsOf(w.dossierA, "AUTRE")}/${listA}`)).statusCode, 404);
      assert.equal((await other.get(requestsOf(w.dossierA, "AUTRE"))).statusCode, 404);
      assert.equal((await items(listA))[0]?.status, "open");
    });

    it("bad input is a clear error, never a 500 nor a half-written answer", async () => {
      const staff = await staffBrowser(h, w.admin, "en");
      await staff.get(requestsOf(w.dossierA));
      const badDate = await staff.post(requestsOf(w.dossierA), { template: "vat", due: "2026-02-31" });
      assert.equal(badDate.statusCode, 400);
      assert.match(pageText(badDate.body), /Give a valid date\./);
      const badTemplate = await staff.post(requestsOf(w.dossierA), { template: "nope", due: today });
      assert.equal(badTemplate.statusCode, 400);
      const listId = await createList(staff, w.dossierA, { due: today });
      const [item] = await items(listId);
      assert.ok(item);
      const client = await contactBrowser(h, w.uploaderA, w.firm.id);
      await client.get(`${requestsOf(w.dossierA)}/${listId}`);
      const empty = await client.post(`${requestsOf(w.dossierA)}/${listId}/items/${item.id}/comment`, {
        text: "   ",
      });
      assert.equal(empty.statusCode, 422);
      assert.match(pageText(empty.body), /Écrivez un texte de 1 à 2 000 caractères/);
      // A file refused by the documents' checks (type by content) leaves the item open.
      const refused = await client.postFile(
        `${requestsOf(w.dossierA)}/${listId}/items/${item.id}/upload?_csrf=${encodeURIComponent(client.csrfToken ?? "")}`,
        {},
        {
          field: "files",
          filename: "virus.exe",
          type: "application/pdf",
          content: Buffer.from("MZ\x90\x00not a pdf"),
        },
      );
      assert.equal(refused.statusCode, 422);
      assert.match(pageText(refused.body), /virus\.exe/);
      assert.equal((await items(listId))[0]?.status, "open");
      // No CSRF token on the file form: refused, nothing stored.
      const forged = await client.postFile(
        `${requestsOf(w.dossierA)}/${listId}/items/${item.id}/upload`,
        { _csrf: "" },
        { field: "files", filename: "a.pdf", type: "application/pdf", content: tinyPdf() },
      );
      assert.equal(forged.statusCode, 403);
      await client.get(`${requestsOf(w.dossierA)}/${listId}`);
      await client.post(`${requestsOf(w.dossierA)}/${listId}/items/${item.id}/comment`, { text: "ok" });
      // Answering again an answered item, rejecting without a reason: 409 and a clear error.
      await client.get(`${requestsOf(w.dossierA)}/${listId}`);
      assert.equal(
        (await client.post(`${requestsOf(w.dossierA)}/${listId}/items/${item.id}/comment`, { text: "again" }))
          .statusCode,
        409,
      );
      await staff.get(`${requestsOf(w.dossierA)}/${listId}`);
      const noReason = await staff.post(`${requestsOf(w.dossierA)}/${listId}/items/${item.id}/reject`, {
        text: "",
      });
      assert.equal(noReason.statusCode, 422);
      assert.match(pageText(noReason.body), /Give the reason for the rejection/);
      assert.equal((await items(listId))[0]?.status, "answered");
    });

    it("the firm admin edits a template; the accountant's next list follows it; an accountant may not edit", async () => {
      const staff = await staffBrowser(h, w.admin);
      const page = await staff.get("/YPN/demandes/modeles");
      assert.equal(page.statusCode, 200);
      assert.match(pageText(page.body), /Clôture annuelle/);
      const saved = await staff.post("/YPN/demandes/modeles", {
        name: "Bilan simplifié",
        items: "Relevés bancaires | Pièces comptables\n\nContrat de prêt | Juridique\n",
      });
      assert.equal(saved.statusCode, 200, pageText(saved.body));
      const bad = await staff.post("/YPN/demandes/modeles", { name: "Vide", items: " \n " });
      assert.equal(bad.statusCode, 400);
      const templates = await h.ctx.db
        .selectFrom("request_template")
        .selectAll()
        .where("firm_id", "=", w.firm.id)
        .execute();
      const mine = templates.find((t) => t.name === "Bilan simplifié");
      assert.ok(mine);
      assert.equal(templates.length, 4, "the built-in templates are kept beside the new one");
      const listId = await createList(staff, w.dossierA, {
        template: mine.id,
        due: today,
        title: "Bilan 2026",
      });
      assert.deepEqual(
        (await items(listId)).map((i) => [i.label, i.folder_name]),
        [
          ["Relevés bancaires", "Pièces comptables"],
          ["Contrat de prêt", "Juridique"],
        ],
      );
      const { addStaff } = await import("../testing/portal-harness");
      const accountant = await addStaff(h.ctx, w.firm, "accountant", "compta@ypn.example");
      const b = await staffBrowser(h, accountant);
      assert.equal((await b.get("/YPN/demandes/modeles")).statusCode, 403);
    });
  });
}
