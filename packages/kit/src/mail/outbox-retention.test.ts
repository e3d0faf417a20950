import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Kysely } from "kysely";
import { MemoryCounters } from "../counters/memory-counters";
import { migrateToLatest } from "../db/migrations";
import { openTestDatabase, testTargets } from "../db/test-databases";
import { createLogger } from "../logging/logger";
import { serviceHealth } from "../service/service-health";
import { enqueueMail } from "./outbox";
import { createMailOutboxTable, type MailTables } from "./outbox-table";
import { startMailSender } from "./sender";
import { type ReceivedMail, startSmtpSink } from "./smtp-sink";
import { smtpTransport } from "./transport";

const logger = createLogger("test", "silent");
const HOUR = 60 * 60 * 1000;
const message = {
  to: "a@example.org",
  from: "no-reply@example.org",
  subject: "Your code",
  text: "Code: 482913",
  html: "<p>Code: 482913</p>",
};

async function outboxOn(target: Awaited<ReturnType<typeof testTargets>>[number]) {
  const database = await openTestDatabase<MailTables>(target, "outbox");
  await migrateToLatest(database.db as Kysely<unknown>, { "0001": { up: createMailOutboxTable } });
  const received: ReceivedMail[] = [];
  const sink = await startSmtpSink({ port: 0, store: async (m) => void received.push(m) });
  return {
    db: database.db,
    received,
    sender: (retryHorizonMs?: number) =>
      startMailSender({
        db: database.db,
        transport: smtpTransport(`smtp://127.0.0.1:${sink.port}`),
        logger,
        ...(retryHorizonMs ? { retryHorizonMs } : {}),
      }),
    /** As if the message had been queued `ago` ms back and retried many times since. */
    age: (id: string, ago: number) =>
      database.db
        .updateTable("mail_outbox")
        .set({ created_at: Date.now() - ago, attempts: 25, next_attempt_at: 0 })
        .where("id", "=", id)
        .execute(),
    async close() {
      await sink.close();
      await database.close();
    },
  };
}

for (const target of await testTargets()) {
  describe(`mail outbox retention and retries (${target.label})`, () => {
    it("forgets a sent message's body (codes, links) and keeps who, what subject and when", async () => {
      const o = await outboxOn(target);
      const sender = o.sender();
      const id = await enqueueMail(o.db, message);
      await sender.drain();
      await sender.stop();
      assert.match(o.received[0]?.text ?? "", /482913/);
      const row = await o.db
        .selectFrom("mail_outbox")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      assert.deepEqual([row.text_body, row.html_body], ["", ""]);
      assert.equal(row.to_address, message.to);
      assert.equal(row.subject, message.subject);
      assert.ok(row.sent_at && row.created_at);
      await o.close();
    });

    it("still delivers after hours of SMTP outage, for a day by default, and stops at the configured horizon", async () => {
      const o = await outboxOn(target);
      const threeHoursOld = await enqueueMail(o.db, message);
      await o.age(threeHoursOld, 3 * HOUR);
      const byDefault = o.sender();
      assert.equal(await byDefault.drain(), 1, "three hours after queuing, still delivered");
      await byDefault.stop();

      const tooOld = await enqueueMail(o.db, message);
      await o.age(tooOld, 3 * HOUR);
      const twoHours = o.sender(2 * HOUR);
      assert.equal(await twoHours.drain(), 0, "past a two-hour horizon, given up");
      await twoHours.stop();
      await o.close();
    });

    it("reports mail unsent for more than 15 minutes on /readyz and as a gauge", async () => {
      const o = await outboxOn(target);
      const health = serviceHealth({
        counters: new MemoryCounters(),
        db: o.db,
        config: { SESAME_MAIL_RETRY_HOURS: 24 },
      });
      await enqueueMail(o.db, message);
      assert.deepEqual(await health.degradations(), [], "a message queued just now is not stuck");
      const stuck = await enqueueMail(o.db, message);
      await o.age(stuck, 20 * 60 * 1000);
      assert.deepEqual(await health.degradations(), ["1 mail message(s) unsent for more than 15 minutes"]);
      const { Registry } = await import("prom-client");
      const registry = new Registry();
      health.registerGauges(registry);
      assert.match(await registry.metrics(), /^mail_outbox_stuck 1$/m);
      await o.close();
    });
  });
}
