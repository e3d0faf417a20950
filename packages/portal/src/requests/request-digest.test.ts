import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { testTargets } from "@sesame/kit/db/test-databases";
import { insertContact, linkDossier } from "../contacts/contact-queries";
import { type DocumentWorld, seedDocumentWorld } from "../documents/document-test-support";
import { insertDossier } from "../dossiers/dossier-queries";
import { type PortalHarness, pageText, startTestPortal } from "../testing/portal-harness";
import { addDays, parisDay } from "./request-rules";
import { contactBrowser, createList, requestsOf, staffBrowser } from "./request-test-support";

// Monday 7 December 2026, 9:00 in Paris; the runner's clock moves, never by sleeping.
const MONDAY_9 = Date.parse("2026-12-07T08:00:00Z");
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

for (const target of await testTargets()) {
  describe(`request reminder digests (${target.label})`, () => {
    let h: PortalHarness;
    let w: DocumentWorld;
    let clock = MONDAY_9;
    let url: string;
    before(async () => {
      url = await target.freshUrl();
      h = await startTestPortal(target, { now: () => clock, databaseUrl: url });
      w = await seedDocumentWorld(h.ctx);
    });
    after(() => h.close());

    const digests = (to: string) =>
      h.ctx.db
        .selectFrom("mail_outbox")
        .selectAll()
        .where("to_address", "=", to)
        .orderBy("created_at")
        .execute();
    const at = async (time: number) => {
      clock = time;
      await h.portal.jobs.runOnce();
    };
    let n = 0;
    /** A dossier of its own, a contact who may upload there, a list due `dueIn` days after Monday. */
    const world = async (language: "fr" | "en", dueIn: number) => {
      n++;
      const dossier = await insertDossier(h.ctx.db, w.firm.id, {
        name: `Dossier ${n}`,
        siren: String(700000000 + n),
        siret: null,
        address: "2 rue du Port",
        accountantId: null,
        status: "active",
      });
      const contact = await insertContact(h.ctx.db, w.firm.id, {
        civility: "m",
        firstName: "Paul",
        lastName: `Client${n}`,
        email: `paul${n}-${target.label}@client.example`,
        phone: null,
        language,
      });
      await linkDossier(h.ctx.db, contact.id, {
        dossierId: dossier.id,
        read: true,
        upload: true,
        approve: false,
      });
      const staff = await staffBrowser(h, w.admin);
      const listId = await createList(staff, dossier.id, {
        due: addDays(parisDay(MONDAY_9), dueIn),
        title: `Liste ${n}`,
      });
      return { contact, listId, dossierId: dossier.id };
    };

    it("one digest per person per day, in their language, for items due within 3 days or late; none before the hour nor on weekends", async () => {
      const { contact } = await world("en", 2);
      const { contact: later } = await world("fr", 5);
      await at(MONDAY_9 - 2 * HOUR); // 7:00, before the default 8:00
      assert.equal((await digests(contact.email)).length, 0);
      await at(MONDAY_9);
      await at(MONDAY_9 + HOUR);
      const [mail, ...more] = await digests(contact.email);
      assert.deepEqual(more, [], "at most one digest a day");
      assert.match(mail?.subject ?? "", /^Cabinet YPN is waiting for 3 item\(s\) from you$/);
      assert.match(mail?.text_body ?? "", /Factures de ventes du trimestre: due 9 December 2026/);
      assert.match(
        mail?.text_body ?? "",
        /Stop reminders for this request: https:\/\/\S+\/YPN\/demandes\/desabonnement\?t=/,
      );
      assert.equal((await digests(later.email)).length, 0, "due in 5 days: not yet");
      // Each weekday a new digest; Saturday and Sunday: quiet by default.
      await at(MONDAY_9 + DAY);
      assert.equal((await digests(contact.email)).length, 2);
      assert.equal((await digests(later.email)).length, 0, "due in 4 days: not yet");
      await at(MONDAY_9 + 2 * DAY);
      await at(MONDAY_9 + 3 * DAY);
      await at(MONDAY_9 + 4 * DAY);
      assert.equal((await digests(later.email)).length, 3, "Wednesday, Thursday, Friday");
      await at(MONDAY_9 + 5 * DAY);
      await at(MONDAY_9 + 6 * DAY);
      const weekend = await digests(later.email);
      assert.equal(weekend.length, 3, "nothing on the weekend");
      assert.equal((await digests(contact.email)).length, 5);
      assert.match(weekend[0]?.subject ?? "", /^Cabinet YPN attend 3 élément\(s\) de votre part$/);
      assert.match(
        weekend[0]?.text_body ?? "",
        /Factures de ventes du trimestre : à rendre le 12 décembre 2026/,
      );
      // The late items are said to be late.
      await at(MONDAY_9 + 7 * DAY);
      assert.match((await digests(contact.email)).at(-1)?.text_body ?? "", /late \(due 9 December 2026\)/);
    });

    it("the firm's schedule: digests at its hour, on weekends when it says so", async () => {
      const admin = await staffBrowser(h, w.admin);
      await admin.get("/YPN/demandes/modeles");
      assert.equal(
        (await admin.post("/YPN/demandes/rappels", { hour: "14", weekends: "on" })).statusCode,
        200,
      );
      const { contact } = await world("fr", -20);
      const saturday = MONDAY_9 + 12 * DAY; // Saturday 19 December, 9:00
      await at(saturday);
      assert.equal((await digests(contact.email)).length, 0, "before 14:00");
      await at(saturday + 5 * HOUR);
      assert.equal((await digests(contact.email)).length, 1);
      await admin.get("/YPN/demandes/modeles");
      await admin.post("/YPN/demandes/rappels", { hour: "8" });
    });

    it("the signed link unsubscribes from one list, with no sign-in; a forged one does nothing", async () => {
      const { contact, listId } = await world("fr", 1);
      const day = MONDAY_9 + 21 * DAY;
      await at(day);
      const [mail] = await digests(contact.email);
      const link = /(\/YPN\/demandes\/desabonnement\?t=\S+)/.exec(mail?.text_body ?? "")?.[1];
      assert.ok(link);
      const anonymous = new (await import("../testing/portal-harness")).PortalBrowser(h);
      const forged = await anonymous.get(`${link.slice(0, -3)}abc`);
      assert.equal(forged.statusCode, 404);
      const page = await anonymous.get(link);
      assert.equal(page.statusCode, 200);
      const done = await anonymous.post(link, {});
      assert.equal(done.statusCode, 200);
      assert.match(pageText(done.body), /plus de rappels pour cette demande/);
      const stopped = await h.ctx.db
        .selectFrom("request_unsubscribe")
        .selectAll()
        .where("list_id", "=", listId)
        .execute();
      assert.equal(stopped.length, 1);
      await at(day + DAY);
      assert.equal((await digests(contact.email)).length, 1, "no digest about that list any more");
    });

    it("the accountant sends a reminder now, whatever the day's digests", async () => {
      const { contact, listId, dossierId } = await world("fr", 30);
      const staff = await staffBrowser(h, w.admin);
      await staff.get(`${requestsOf(dossierId)}/${listId}`);
      const sent = await staff.post(`${requestsOf(dossierId)}/${listId}/remind`, {});
      assert.equal(sent.statusCode, 303);
      assert.match(String(sent.headers.location), /reminded=/);
      const [mail] = await digests(contact.email);
      assert.match(mail?.text_body ?? "", /Liste \d+/);
      // A contact may not send reminders.
      const client = await contactBrowser(h, contact.id, w.firm.id);
      await client.get(`${requestsOf(dossierId)}/${listId}`);
      assert.equal((await client.post(`${requestsOf(dossierId)}/${listId}/remind`, {})).statusCode, 403);
    });

    it("a runner killed with kill -9 in the middle of a digest sends nothing; after its lease the digest goes once", async () => {
      await world("fr", 0);
      const day = MONDAY_9 + 28 * DAY;
      const child = spawn(
        process.execPath,
        ["--import", "tsx", path.join(import.meta.dirname, "digest-runner-test-support.ts")],
        {
          env: { ...process.env, DIGEST_DB_URL: url, DIGEST_NOW: String(day) },
          stdio: ["ignore", "pipe", "inherit"],
        },
      );
      const exited = new Promise((resolve) => child.on("exit", resolve));
      // The digest the child was in the middle of (several people have one due that day).
      const contactId = await new Promise<string>((resolve, reject) => {
        child.stdout.on("data", (chunk: Buffer) => {
          const inJob = /in-job (\S+)/.exec(chunk.toString());
          if (inJob?.[1]) resolve(inJob[1]);
        });
        child.on("exit", () => reject(new Error("the child runner ended before its digest")));
      });
      child.kill("SIGKILL");
      await exited;
      const contact = await h.ctx.db
        .selectFrom("contact")
        .selectAll()
        .where("id", "=", contactId)
        .executeTakeFirstOrThrow();
      const before = (await digests(contact.email)).length;
      const recorded = () =>
        h.ctx.db
          .selectFrom("request_digest")
          .selectAll()
          .where("contact_id", "=", contactId)
          .where("day", "=", parisDay(day))
          .execute();
      assert.deepEqual(await recorded(), [], "the killed digest left nothing");
      await at(day + 1000); // within the lease: still the dead runner's
      assert.equal((await digests(contact.email)).length, before);
      for (let tries = 0; tries < 50 && (await digests(contact.email)).length === before; tries++) {
        await at(day + 61_000);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await at(day + 120_000);
      assert.equal((await digests(contact.email)).length, before + 1);
      assert.equal((await recorded()).length, 1);
    });

    if (target.label === "postgres")
      it("two portal instances on one PostgreSQL send each digest once", async () => {
        const second = await startTestPortal(target, { now: () => clock, databaseUrl: url });
        try {
          const people = [];
          for (let i = 0; i < 12; i++) people.push((await world(i % 2 ? "fr" : "en", 1)).contact);
          clock = MONDAY_9 + 35 * DAY;
          await Promise.all([h.portal.jobs.runOnce(), second.portal.jobs.runOnce(), h.portal.jobs.runOnce()]);
          await Promise.all([h.portal.jobs.runOnce(), second.portal.jobs.runOnce()]);
          for (const p of people) assert.equal((await digests(p.email)).length, 1, p.email);
        } finally {
          await second.close();
        }
      });
  });
}
