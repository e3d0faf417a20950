import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { narrow } from "@sesame/kit/db/database";
import { testTargets } from "@sesame/kit/db/test-databases";
import { enqueueMail } from "@sesame/kit/mail/outbox";
import type { MailTables } from "@sesame/kit/mail/outbox-table";
import { type ReceivedMail, type SmtpSink, startSmtpSink } from "@sesame/kit/mail/smtp-sink";
import type { IdentityDB } from "../storage/schema";
import { type IdentityHarness, startTestIdentity } from "../testing/identity-harness";
import { messagesFor } from "./mailbox-store";

const [target] = await testTargets();

describe("mail with a real SMTP relay", () => {
  let relay: SmtpSink;
  const relayed: ReceivedMail[] = [];
  let h: IdentityHarness;
  before(async () => {
    relay = await startSmtpSink({ port: 0, store: async (mail) => void relayed.push(mail) });
    h = await startTestIdentity(target!, { env: { SMTP_URL: `smtp://127.0.0.1:${relay.port}` } });
  });
  after(async () => {
    await h.close();
    await relay.close();
  });

  it("keeps mail for the platform's own addresses in their mailbox and relays the rest by SMTP", async () => {
    const db = narrow<MailTables, IdentityDB>(h.identity.ctx.db);
    const base = { from: "no-reply@sesame.localhost", text: "Bonjour", html: "<p>Bonjour</p>" };
    await enqueueMail(db, { ...base, to: "lea.petit@outlook.fr", subject: "Pour la boîte locale" });
    await enqueueMail(db, { ...base, to: "lea.petit@gmail.com", subject: "Pour le relais" });
    for (let i = 0; i < 50 && relayed.length === 0; i++) {
      h.identity.ctx.mailQueued();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.deepEqual(
      relayed.map((m) => [m.to, m.subject]),
      [[["lea.petit@gmail.com"], "Pour le relais"]],
    );
    const local = await messagesFor(h.identity.ctx.db, "lea.petit@outlook.fr");
    assert.deepEqual(
      local.map((m) => m.subject),
      ["Pour la boîte locale"],
    );
    assert.equal(
      h.app.hasRoute({ method: "GET", url: "/_dev/mail" }),
      false,
      "no dev mailbox with a real relay",
    );
  });
});
