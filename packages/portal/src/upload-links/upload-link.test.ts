import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { bindContact, insertContact, linkDossier } from "../contacts/contact-queries";
import {
  type DocumentWorld,
  multipart,
  seedDocumentWorld,
  tinyPdf,
  uploadToken,
} from "../documents/document-test-support";
import { ensureFolders } from "../documents/folder-operations";
import { createList } from "../requests/request-test-support";
import { PortalBrowser, type PortalHarness, pageText, startTestPortal } from "../testing/portal-harness";

for (const target of await testTargets()) {
  describe(`zero-account upload link (${target.label})`, () => {
    let h: PortalHarness;
    let w: DocumentWorld;
    let staff: PortalBrowser;
    let folderId: string;
    let newcomer: string;
    const email = "nouveau@client-a.example";
    const links = () => `/YPN/dossiers/${w.dossierA}/upload-links`;

    const mailsTo = (to: string) =>
      h.ctx.db
        .selectFrom("mail_outbox")
        .selectAll()
        .where("to_address", "=", to)
        .orderBy("created_at")
        .execute();
    const lastMail = async (to: string) => {
      const all = await mailsTo(to);
      return all[all.length - 1];
    };
    /** Staff send a link; its path, as the contact's mail gives it. */
    const sendLink = async () => {
      await staff.get(links());
      const sent = await staff.post(links(), { contact: newcomer, folder: folderId });
      assert.equal(sent.statusCode, 200, sent.body);
      assert.match(pageText(sent.body), /Le lien de dépôt a été envoyé/);
      const mail = await lastMail(email);
      const url = /https?:\/\/[^\s]+\/YPN\/depot\/[A-Za-z0-9_-]+/.exec(mail?.text_body ?? "")?.[0] ?? "";
      assert.ok(url, "the mail carries the link");
      return new URL(url).pathname;
    };
    const codeFromMail = async () =>
      /code de vérification : (\d{6})/.exec((await lastMail(email))?.text_body ?? "")?.[1] ?? "";
    const uploadThrough = (
      b: PortalBrowser,
      depot: string,
      name: string,
      content: Buffer,
      token = uploadToken(b),
    ) => {
      const { payload, contentType } = multipart([{ name, content }]);
      return h.app.inject({
        method: "POST",
        url: `${depot}/files`,
        payload,
        headers: {
          "content-type": contentType,
          accept: "application/json",
          "x-csrf-token": token,
          cookie: b.cookieHeader,
        },
      });
    };
    /** A person opening the link and proving the code. */
    const openWithCode = async (depot: string) => {
      const b = new PortalBrowser(h);
      assert.equal((await b.get(depot)).statusCode, 200);
      assert.equal((await b.post(`${depot}/code`, {})).statusCode, 303);
      await b.get(depot);
      const verified = await b.post(`${depot}/verify`, { code: await codeFromMail() });
      assert.equal(verified.statusCode, 303, verified.body);
      assert.equal((await b.get(depot)).statusCode, 200);
      return b;
    };

    before(async () => {
      h = await startTestPortal(target);
      w = await seedDocumentWorld(h.ctx);
      folderId = (await ensureFolders(h.ctx, { firmId: w.firm.id, dossierId: w.dossierA }))[1]?.id ?? "";
      newcomer = (
        await insertContact(h.ctx.db, w.firm.id, {
          civility: "m",
          firstName: "Paul",
          lastName: "Nouveau",
          email,
          phone: null,
          language: "fr",
        })
      ).id;
      await linkDossier(h.ctx.db, newcomer, {
        dossierId: w.dossierA,
        read: true,
        upload: true,
        approve: false,
      });
      await bindContact(h.ctx.db, w.uploaderA, "tid-a", "oid-a");
      staff = new PortalBrowser(h);
      await staff.signInAs(w.admin);
    });
    after(() => h.close());

    it("staff offer it only to the dossier's contacts without an account", async () => {
      const page = pageText((await staff.get(links())).body);
      assert.match(page, /nouveau@client-a\.example/);
      assert.doesNotMatch(page, /claire@client-a\.example/, "already signed in once");
      const refused = await staff.post(links(), { contact: w.uploaderA, folder: folderId });
      assert.equal(refused.statusCode, 400);
      assert.match(pageText(refused.body), /Choisissez un interlocuteur sans compte/);
      await staff.get(links());
      assert.equal((await staff.post(links(), { contact: newcomer, folder: "autre" })).statusCode, 400);
    });

    it("opens after the mailed code, uploads into its folder only, attributed to the address", async () => {
      const depot = await sendLink();
      const visitor = new PortalBrowser(h);
      const first = await visitor.get(depot);
      assert.equal(first.statusCode, 200);
      assert.match(pageText(first.body), /n•••@client-a\.example/);
      assert.doesNotMatch(first.body, /type="file"/, "no upload before the code");
      assert.equal((await uploadThrough(visitor, depot, "x.pdf", tinyPdf())).statusCode, 403);
      assert.equal((await visitor.post(`${depot}/code`, {})).statusCode, 303);
      await visitor.get(depot);
      const wrong = await visitor.post(`${depot}/verify`, {
        code: "000000" === (await codeFromMail()) ? "111111" : "000000",
      });
      assert.equal(wrong.statusCode, 400);
      assert.match(pageText(wrong.body), /Ce code n'est pas le bon/);
      const code = await codeFromMail();
      const right = await visitor.post(`${depot}/verify`, { code });
      assert.equal(right.statusCode, 303);
      const page = await visitor.get(depot);
      assert.match(page.body, /type="file"/);
      assert.match(pageText(page.body), /au nom de nouveau@client-a\.example/);
      const sent = await uploadThrough(visitor, depot, "releve-banque.pdf", tinyPdf("Releve"));
      assert.equal(sent.statusCode, 201, sent.body);
      assert.match(pageText((await visitor.get(depot)).body), /releve-banque\.pdf · v1/);
      const doc = await h.ctx.db
        .selectFrom("document")
        .innerJoin("document_version", "document_version.document_id", "document.id")
        .selectAll()
        .where("document.name", "=", "releve-banque.pdf")
        .executeTakeFirstOrThrow();
      assert.equal(doc.folder_id, folderId);
      assert.equal(doc.dossier_id, w.dossierA);
      assert.equal(doc.uploaded_by, email);
      assert.match(
        pageText((await staff.get(`/YPN/dossiers/${w.dossierA}/documents`)).body),
        /nouveau@client-a\.example a déposé « releve-banque\.pdf »/,
      );
      // The code is used up: another browser cannot reuse it; the link gives no access to the dossier.
      const thief = new PortalBrowser(h);
      await thief.get(depot);
      assert.equal((await thief.post(`${depot}/verify`, { code })).statusCode, 400);
      assert.equal((await visitor.get(`/YPN/dossiers/${w.dossierA}/documents`)).statusCode, 302);
      assert.equal((await visitor.get(`/YPN/dossiers/${w.dossierB}/documents`)).statusCode, 302);
    });

    it("sent for a request list, it answers that list's items only, each file landing in its item's folder", async () => {
      const listId = await createList(staff, w.dossierA, {
        due: "2030-01-31",
        title: "TVA premier trimestre",
      });
      const otherList = await createList(staff, w.dossierA, { due: "2030-02-28", title: "Autre liste" });
      await staff.get(links());
      const sent = await staff.post(links(), { contact: newcomer, folder: folderId, list: listId });
      assert.equal(sent.statusCode, 200, sent.body);
      const mail = await lastMail(email);
      const depot = new URL(
        /https?:\/\/[^\s]+\/YPN\/depot\/[A-Za-z0-9_-]+/.exec(mail?.text_body ?? "")?.[0] ?? "",
      ).pathname;
      const visitor = await openWithCode(depot);
      const page = await visitor.get(depot);
      assert.match(pageText(page.body), /Pièces demandées : TVA premier trimestre/);
      const items = await h.ctx.db
        .selectFrom("request_item")
        .selectAll()
        .where("list_id", "=", listId)
        .orderBy("position")
        .execute();
      const first = items[0];
      assert.ok(first);
      // The plain folder upload is closed to a list's link; another list's item is a 404.
      const token = decodeURIComponent(/_csrf=([^"&]+)/.exec(page.body)?.[1] ?? "");
      assert.ok(token);
      assert.equal((await uploadThrough(visitor, depot, "hors-liste.pdf", tinyPdf(), token)).statusCode, 404);
      const foreign = await h.ctx.db
        .selectFrom("request_item")
        .select("id")
        .where("list_id", "=", otherList)
        .executeTakeFirstOrThrow();
      const post = (itemId: string) => {
        const { payload, contentType } = multipart([{ name: "releve-janvier.pdf", content: tinyPdf() }]);
        return h.app.inject({
          method: "POST",
          url: `${depot}/items/${itemId}/files?_csrf=${encodeURIComponent(token)}`,
          payload,
          headers: { "content-type": contentType, cookie: visitor.cookieHeader },
        });
      };
      assert.equal((await post(foreign.id)).statusCode, 404);
      const answered = await post(first.id);
      assert.equal(answered.statusCode, 200, answered.body);
      const item = await h.ctx.db
        .selectFrom("request_item")
        .selectAll()
        .where("id", "=", first.id)
        .executeTakeFirstOrThrow();
      assert.equal(item.status, "answered");
      assert.equal(item.answered_by, email, "attributed to the address");
      const doc = await h.ctx.db
        .selectFrom("document as d")
        .innerJoin("document_folder as f", "f.id", "d.folder_id")
        .select(["f.name"])
        .where("d.id", "=", String(item.document_id))
        .executeTakeFirstOrThrow();
      assert.equal(doc.name.toLowerCase(), first.folder_name.toLowerCase());
      assert.equal(
        (await post(first.id)).statusCode,
        409,
        "an answered item waits for review, not a second file",
      );
    });

    it("a code has limited tries and a short life", async () => {
      const depot = await sendLink();
      const b = new PortalBrowser(h);
      await b.get(depot);
      await b.post(`${depot}/code`, {});
      const code = await codeFromMail();
      const other = code === "123456" ? "654321" : "123456";
      for (let i = 0; i < 5; i++) {
        await b.get(depot);
        assert.equal((await b.post(`${depot}/verify`, { code: other })).statusCode, 400);
      }
      await b.get(depot);
      const blocked = await b.post(`${depot}/verify`, { code });
      assert.equal(blocked.statusCode, 429, "even the right code after five wrong ones");
      assert.match(pageText(blocked.body), /Trop d'essais/);
      await b.get(depot);
      await b.post(`${depot}/code`, {});
      await h.ctx.db
        .updateTable("upload_link")
        .set({ code_expires_at: Date.now() - 1 })
        .where("email", "=", email)
        .execute();
      await b.get(depot);
      const late = await b.post(`${depot}/verify`, { code: await codeFromMail() });
      assert.equal(late.statusCode, 400);
      assert.match(pageText(late.body), /Ce code a expiré/);
    });

    it("after 14 days it uploads nothing and leads to the onboarding guide", async () => {
      const depot = await sendLink();
      const b = await openWithCode(depot);
      const token = uploadToken(b);
      const row = await h.ctx.db
        .selectFrom("upload_link")
        .selectAll()
        .orderBy("created_at", "desc")
        .executeTakeFirstOrThrow();
      assert.ok(Math.abs(row.expires_at - row.created_at - 14 * 24 * 3600_000) < 1000);
      assert.equal(row.request_list_id, null);
      await h.ctx.db
        .updateTable("upload_link")
        .set({ expires_at: Date.now() - 1 })
        .where("id", "=", row.id)
        .execute();
      const closed = await b.get(depot);
      assert.equal(closed.statusCode, 410);
      assert.match(pageText(closed.body), /Ce lien de dépôt a expiré/);
      assert.equal((await uploadThrough(b, depot, "tard.pdf", tinyPdf(), token)).statusCode, 410);
      const toGuide = await b.post(`${depot}/guide`, {});
      assert.equal(toGuide.statusCode, 303);
      const guide = String(toGuide.headers.location);
      assert.match(guide, /^\/YPN\/guide\/[A-Za-z0-9_-]+$/);
      assert.equal((await new PortalBrowser(h).get(guide)).statusCode, 200);
    });

    it("an unknown link, or one under another firm, is a 404", async () => {
      const depot = await sendLink();
      const b = new PortalBrowser(h);
      assert.equal((await b.get("/YPN/depot/inconnu")).statusCode, 404);
      assert.equal((await b.get(depot.replace("/YPN/", "/AUTRE/"))).statusCode, 404);
      const en = new PortalBrowser(h, "en");
      assert.match(pageText((await en.get("/YPN/depot/inconnu")).body), /This upload link does not exist/);
    });
  });
}
