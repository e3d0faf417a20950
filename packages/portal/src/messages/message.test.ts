import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { type DocumentWorld, seedDocumentWorld, tinyPdf } from "../documents/document-test-support";
import { translate } from "../i18n/messages";
import { PortalBrowser, type PortalHarness, pageText, startTestPortal } from "../testing/portal-harness";
import { MESSAGES_FOLDER } from "./message-folder";
import { messageToken, sendMessage } from "./message-test-support";
import { unreadMessagesFor, unreadMessagesSection } from "./unread-messages";

const MIN = 60 * 1000;

for (const target of await testTargets()) {
  describe(`messages per dossier (${target.label})`, () => {
    let h: PortalHarness;
    let w: DocumentWorld;
    let offset = 0;
    const thread = (dossier: string, firm = "YPN") => `/${firm}/dossiers/${dossier}/messages`;
    const as = async (who: "admin" | "uploaderA" | "readerA" | "otherAdmin") => {
      const b = new PortalBrowser(h);
      if (who === "admin") await b.signInAs(w.admin);
      else if (who === "otherAdmin") await b.signInAs(w.otherAdmin);
      else await b.signInContact(w[who], w.firm.id);
      return b;
    };
    const mailsTo = (to: string) =>
      h.ctx.db.selectFrom("mail_outbox").selectAll().where("to_address", "=", to).execute();

    before(async () => {
      h = await startTestPortal(target, { now: () => Date.now() + offset });
      w = await seedDocumentWorld(h.ctx);
      await h.ctx.db.updateTable("contact").set({ language: "en" }).where("id", "=", w.uploaderA).execute();
    });
    after(() => h.close());

    it("a contact writes with an attachment: stored as a document in the Messages folder, shown in the thread", async () => {
      const client = await as("uploaderA");
      assert.equal((await client.get(thread(w.dossierA))).statusCode, 200);
      const sent = await sendMessage(h.app, client, thread(w.dossierA), {
        body: "Voici le relevé de mars.\nBonne journée",
        files: [{ name: "releve-mars.pdf", content: tinyPdf("Releve") }],
      });
      assert.equal(sent.statusCode, 303, sent.body);
      const page = await client.get(String(sent.headers.location));
      assert.match(pageText(page.body), /Message sent\./);
      assert.match(page.body, /Voici le relevé de mars\.\nBonne journée/);
      const link = /href="([^"]+\/download\?v=1)">releve-mars\.pdf</.exec(page.body)?.[1];
      assert.ok(link, "the attachment links to its document version");
      const folder = await h.ctx.db
        .selectFrom("document_folder")
        .innerJoin("document", "document.folder_id", "document_folder.id")
        .select(["document_folder.name", "document.name as doc"])
        .where("document.dossier_id", "=", w.dossierA)
        .execute();
      assert.deepEqual(folder, [{ name: MESSAGES_FOLDER, doc: "releve-mars.pdf" }]);
      const staff = await as("admin");
      const file = await staff.get(link.replace(/&amp;/g, "&"));
      assert.equal(file.statusCode, 200);
      assert.ok(file.rawPayload.equals(tinyPdf("Releve")));
      const trail = await h.ctx.db
        .selectFrom("document_event")
        .select(["action", "actor"])
        .where("dossier_id", "=", w.dossierA)
        .execute();
      assert.ok(trail.some((e) => e.action === "message_sent" && e.actor === "claire@client-a.example"));
    });

    it("read state per person: unread for the firm until it opens the thread, never for the author", async () => {
      const staff = { kind: "staff", id: w.admin.id } as const;
      const unread = await unreadMessagesFor(h.ctx.db, w.firm.id, staff);
      assert.deepEqual(
        unread.map((u) => [u.dossierName, u.count]),
        [["Boulangerie A", 1]],
      );
      const section = await unreadMessagesSection(h.ctx.db, translate("fr"), w.firm, staff);
      assert.match(pageText(String(section)), /1 message\(s\) non lu\(s\) · Boulangerie A/);
      assert.deepEqual(
        await unreadMessagesFor(h.ctx.db, w.firm.id, { kind: "contact", id: w.uploaderA }),
        [],
      );
      assert.equal(
        (await unreadMessagesFor(h.ctx.db, w.firm.id, { kind: "contact", id: w.readerA }))[0]?.count,
        1,
      );
      await (await as("admin")).get(thread(w.dossierA));
      assert.deepEqual(await unreadMessagesFor(h.ctx.db, w.firm.id, staff), []);
      assert.equal(
        (await unreadMessagesFor(h.ctx.db, w.firm.id, { kind: "contact", id: w.readerA }))[0]?.count,
        1,
      );
    });

    it("a message unread after 15 minutes is mailed once, batched, in each person's language", async () => {
      offset = 10 * MIN;
      await h.portal.jobs.runOnce();
      assert.equal((await mailsTo("lecteur@client-a.example")).length, 0, "not before 15 minutes");
      offset = 16 * MIN;
      await h.portal.jobs.runOnce();
      const mails = await mailsTo("lecteur@client-a.example");
      assert.equal(mails.length, 1);
      assert.match(mails[0]?.subject ?? "", /Cabinet YPN : nouveaux messages/);
      assert.match(mails[0]?.text_body ?? "", /Boulangerie A : 1 message\(s\) non lu\(s\)/);
      assert.match(mails[0]?.text_body ?? "", new RegExp(`/YPN/dossiers/${w.dossierA}/messages`));
      // The firm read it, the author wrote it: no mail for them.
      assert.equal((await mailsTo("admin@ypn.example")).length, 0);
      assert.equal((await mailsTo("claire@client-a.example")).length, 0);
      offset = 40 * MIN;
      await h.portal.jobs.runOnce();
      assert.equal(
        (await mailsTo("lecteur@client-a.example")).length,
        1,
        "no second mail for the same message",
      );
      // The firm answers; the English-speaking client gets the mail in English.
      offset = 0;
      const staff = await as("admin");
      await staff.get(thread(w.dossierA));
      assert.equal(
        (await sendMessage(h.app, staff, thread(w.dossierA), { body: "Bien reçu, merci." })).statusCode,
        303,
      );
      offset = 20 * MIN;
      await h.portal.jobs.runOnce();
      const english = await mailsTo("claire@client-a.example");
      assert.equal(english.length, 1);
      assert.match(english[0]?.subject ?? "", /Cabinet YPN: new messages/);
      assert.equal((await mailsTo("lecteur@client-a.example")).length, 2);
      offset = 0;
    });

    it("a message read within 15 minutes is never mailed", async () => {
      const reader = await as("readerA");
      await reader.get(thread(w.dossierB));
      const staff = await as("admin");
      await staff.get(thread(w.dossierB));
      assert.equal(
        (await sendMessage(h.app, staff, thread(w.dossierB), { body: "Question sur B" })).statusCode,
        303,
      );
      const before = (await mailsTo("lecteur@client-a.example")).length;
      await reader.get(thread(w.dossierB));
      offset = 20 * MIN;
      await h.portal.jobs.runOnce();
      assert.equal((await mailsTo("lecteur@client-a.example")).length, before);
      offset = 0;
    });

    it("only the firm's staff and the dossier's contacts: other ids are 404, reading and writing", async () => {
      const client = await as("uploaderA");
      await client.get(thread(w.dossierA));
      const token = messageToken(client);
      assert.equal((await client.get(thread(w.dossierB))).statusCode, 404);
      const intoB = await sendMessage(h.app, client, thread(w.dossierB), { body: "intrus", token });
      assert.equal(intoB.statusCode, 404);
      const other = await as("otherAdmin");
      // Another firm's address sends to that firm's sign-in, whatever the id: nothing is confirmed.
      assert.equal((await other.get(thread(w.dossierA))).statusCode, 302);
      assert.equal((await other.get(thread("no-such-dossier"))).statusCode, 302);
      assert.equal((await other.get(thread(w.dossierA, "AUTRE"))).statusCode, 404);
      assert.equal((await other.get(thread(w.otherDossier, "AUTRE"))).statusCode, 200);
      assert.equal((await new PortalBrowser(h).get(thread(w.dossierA))).statusCode, 302);
      const count = await h.ctx.db
        .selectFrom("message")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirst();
      assert.equal(Number(count?.n), 3, "nothing was written by the refused posts");
    });

    it("bad input: no CSRF token 403, empty 400, a refused file or no upload right writes no message", async () => {
      const reader = await as("readerA");
      await reader.get(thread(w.dossierA));
      const before = await h.ctx.db.selectFrom("message").select("id").execute();
      assert.equal(
        (await sendMessage(h.app, reader, thread(w.dossierA), { body: "x", token: "nope" })).statusCode,
        403,
      );
      const empty = await sendMessage(h.app, reader, thread(w.dossierA), { body: "   " });
      assert.equal(empty.statusCode, 400);
      assert.match(pageText(empty.body), /Écrivez un message ou joignez un fichier\./);
      const noRight = await sendMessage(h.app, reader, thread(w.dossierA), {
        body: "avec fichier",
        files: [{ name: "a.pdf", content: tinyPdf() }],
      });
      assert.equal(noRight.statusCode, 403);
      assert.match(pageText(noRight.body), /ne permettent pas de joindre des fichiers/);
      const client = await as("uploaderA");
      await client.get(thread(w.dossierA));
      const script = await sendMessage(h.app, client, thread(w.dossierA), {
        body: "un script",
        files: [
          {
            name: "virus.exe",
            content: Buffer.from("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff", "latin1"),
          },
        ],
      });
      assert.equal(script.statusCode, 422);
      assert.match(pageText(script.body), /un script/, "the text typed is kept");
      const tooLong = await sendMessage(h.app, client, thread(w.dossierA), { body: "a".repeat(10_001) });
      assert.equal(tooLong.statusCode, 400);
      const after = await h.ctx.db.selectFrom("message").select("id").execute();
      assert.equal(after.length, before.length);
    });
  });
}
