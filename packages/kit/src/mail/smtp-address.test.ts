import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Kysely } from "kysely";
import { migrateToLatest } from "../db/migrations";
import { openTestDatabase, testTargets } from "../db/test-databases";
import { HttpError } from "../http/http-error";
import { enqueueMail } from "./outbox";
import { createMailOutboxTable, type MailTables } from "./outbox-table";
import { isSmtpDeliverable } from "./smtp-address";

describe("addresses SMTP accepts", () => {
  it("accepts plain and internationalised-domain addresses", () => {
    for (const address of [
      "camille.durand@outlook.fr",
      "o'brien+factures@example.co.uk",
      "a!#$%&*/=?^_`{|}~-z@example.org",
      "contact@boulangerie-martin.fr",
      "jean@café.fr",
      "x@xn--caf-dma.fr",
    ])
      assert.equal(isSmtpDeliverable(address), true, address);
  });

  it("refuses what an SMTP server would refuse or a relay retry for nothing", () => {
    for (const address of [
      '"a b"@example.com',
      '"a"@example.com',
      "a b@example.com",
      ".a@example.com",
      "a.@example.com",
      "a..b@example.com",
      "a@b@example.com",
      "andré@example.com",
      "a@example",
      "a@-example.com",
      "a@example-.com",
      "a@exa_mple.com",
      "a@example..com",
      "a@[192.0.2.1]",
      "a@example.123",
      `${"a".repeat(65)}@example.com`,
      `a@${"b".repeat(64)}.com`,
      "@example.com",
      "a@",
      "a@example.com\r\nBcc: x@example.com",
    ])
      assert.equal(isSmtpDeliverable(address), false, address);
  });
});

for (const target of await testTargets()) {
  describe(`queuing mail to an address SMTP would refuse (${target.label})`, () => {
    it("is refused at once with a clear 400, and nothing is queued", async () => {
      const database = await openTestDatabase<MailTables>(target, "outbox");
      await migrateToLatest(database.db as Kysely<unknown>, { "0001": { up: createMailOutboxTable } });
      const mail = { from: "no-reply@example.org", subject: "s", text: "t", html: "<p>t</p>" };
      await assert.rejects(
        enqueueMail(database.db, { ...mail, to: '"a b"@example.com' }),
        (error: unknown) =>
          error instanceof HttpError &&
          error.statusCode === 400 &&
          error.messageKey === "error.undeliverableAddress",
      );
      const queued = await database.db.selectFrom("mail_outbox").selectAll().execute();
      assert.equal(queued.length, 0);
      await enqueueMail(database.db, { ...mail, to: "jean@café.fr" });
      await database.close();
    });
  });
}
