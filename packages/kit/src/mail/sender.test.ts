import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Kysely } from "kysely";
import { migrateToLatest } from "../db/migrations";
import { openTestDatabase, testTargets } from "../db/test-databases";
import { createLogger } from "../logging/logger";
import { enqueueMail } from "./outbox";
import { createMailOutboxTable, type MailTables } from "./outbox-table";
import { startMailSender } from "./sender";
import { type ReceivedMail, startSmtpSink } from "./smtp-sink";
import { smtpTransport } from "./transport";

const logger = createLogger("test", "silent");
const message = {
  to: "a@example.org",
  from: "no-reply@example.org",
  subject: "Code",
  text: "1234",
  html: "<p>1234</p>",
};

async function freePort(): Promise<number> {
  const probe = await startSmtpSink({ port: 0, store: async () => {} });
  await probe.close();
  return probe.port;
}

for (const target of await testTargets()) {
  describe(`mail outbox (${target.label})`, () => {
    it("delivers a queued message once, with the outbox id as Message-ID", async () => {
      const database = await openTestDatabase<MailTables>(target, "outbox");
      await migrateToLatest(database.db as Kysely<unknown>, { "0001": { up: createMailOutboxTable } });
      const received: ReceivedMail[] = [];
      const sink = await startSmtpSink({ port: 0, store: async (m) => void received.push(m) });
      const sender = startMailSender({
        db: database.db,
        transport: smtpTransport(`smtp://127.0.0.1:${sink.port}`),
        logger,
      });
      const id = await enqueueMail(database.db, message);
      await sender.drain();
      await sender.drain();
      assert.equal(received.length, 1);
      assert.equal(received[0]?.messageId, `<${id}@sesame>`);
      await sender.stop();
      await sink.close();
      await database.close();
    });

    it("sends a pass's messages with their bodies wiped, and releases the ones a stop left untried", async () => {
      const database = await openTestDatabase<MailTables>(target, "outbox");
      await migrateToLatest(database.db as Kysely<unknown>, { "0001": { up: createMailOutboxTable } });
      const received: ReceivedMail[] = [];
      const sink = await startSmtpSink({ port: 0, store: async (m) => void received.push(m) });
      const smtp = smtpTransport(`smtp://127.0.0.1:${sink.port}`);
      let stopping: Promise<void> | undefined;
      const sender = startMailSender({
        db: database.db,
        // The instance is asked to stop while the pass's second message is being sent.
        transport: {
          sendMail: async (m) => {
            if (received.length === 1) stopping ??= sender.stop();
            return smtp.sendMail(m);
          },
          close: () => smtp.close(),
        },
        logger,
      });
      for (const to of ["a@example.org", "b@example.org", "c@example.org", "d@example.org"])
        await enqueueMail(database.db, { ...message, to });
      assert.equal(await sender.drain(), 2);
      await stopping;
      // Claimed and returned in no promised order: which two went first does not matter.
      const rows = await database.db.selectFrom("mail_outbox").selectAll().execute();
      assert.deepEqual(rows.map((r) => [r.sent_at !== null, r.claimed_until, r.text_body]).sort(), [
        [false, null, "1234"],
        [false, null, "1234"],
        [true, null, ""],
        [true, null, ""],
      ]);
      await sink.close();
      await database.close();
    });

    it("sends mail queued while a pass is sending right after that pass, not at the next poll", async () => {
      const database = await openTestDatabase<MailTables>(target, "outbox");
      await migrateToLatest(database.db as Kysely<unknown>, { "0001": { up: createMailOutboxTable } });
      const received: ReceivedMail[] = [];
      let secondArrived: () => void = () => {};
      const second = new Promise<void>((resolve) => {
        secondArrived = resolve;
      });
      const sink = await startSmtpSink({
        port: 0,
        store: async (m) => {
          received.push(m);
          if (m.to.includes("b@example.org")) secondArrived();
        },
      });
      const smtp = smtpTransport(`smtp://127.0.0.1:${sink.port}`);
      let queueSecond: Promise<void> | undefined;
      const sender = startMailSender({
        db: database.db,
        // No poll during the test: only the kick after the second commit can send it.
        pollMs: 3_600_000,
        // A second sign-up commits its code mail, and kicks, while the first one's is being sent.
        transport: {
          sendMail: async (m) => {
            queueSecond ??= enqueueMail(database.db, { ...message, to: "b@example.org" }).then(() =>
              sender.kick(),
            );
            await queueSecond;
            return smtp.sendMail(m);
          },
          close: () => smtp.close(),
        },
        logger,
      });
      await enqueueMail(database.db, message);
      sender.kick();
      let timer: NodeJS.Timeout | undefined;
      const lost = new Promise<"lost">((resolve) => {
        timer = setTimeout(() => resolve("lost"), 10_000);
      });
      assert.notEqual(await Promise.race([second, lost]), "lost", "the kick during the pass was dropped");
      clearTimeout(timer);
      assert.deepEqual(
        received.map((m) => m.to),
        [["a@example.org"], ["b@example.org"]],
      );
      await sender.stop();
      await sink.close();
      await database.close();
    });

    it("keeps mail through an SMTP outage and delivers it when the server is back", async () => {
      const database = await openTestDatabase<MailTables>(target, "outbox");
      await migrateToLatest(database.db as Kysely<unknown>, { "0001": { up: createMailOutboxTable } });
      const port = await freePort();
      const sender = startMailSender({
        db: database.db,
        transport: smtpTransport(`smtp://127.0.0.1:${port}`),
        logger,
      });
      await enqueueMail(database.db, message);
      assert.equal(await sender.drain(), 0);
      const pending = await database.db.selectFrom("mail_outbox").selectAll().executeTakeFirstOrThrow();
      assert.equal(pending.attempts, 1);
      assert.equal(pending.sent_at, null);
      assert.ok(pending.last_error);

      const received: ReceivedMail[] = [];
      const sink = await startSmtpSink({ port, store: async (m) => void received.push(m) });
      // The retry is scheduled with backoff; make it due now instead of waiting.
      await database.db.updateTable("mail_outbox").set({ next_attempt_at: 0 }).execute();
      assert.equal(await sender.drain(), 1);
      assert.equal(received.length, 1);
      await sender.stop();
      await sink.close();
      await database.close();
    });
  });
}
