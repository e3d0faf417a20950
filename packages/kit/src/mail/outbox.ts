import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { HttpError } from "../http/http-error";
import type { MailTables } from "./outbox-table";
import { isSmtpDeliverable } from "./smtp-address";

export interface MailMessage {
  readonly to: string;
  readonly from: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/**
 * Queues a message. Call it with the transaction of the business change, so the mail exists
 * exactly when the change does. Returns the outbox id, also used as the Message-ID so that a
 * retry after a crash can be recognised by the receiver. An address SMTP would refuse is refused
 * here (400, and the transaction with it) rather than retried for a day and dropped.
 */
export async function enqueueMail(trx: Kysely<MailTables>, message: MailMessage): Promise<string> {
  if (!isSmtpDeliverable(message.to))
    throw new HttpError(400, "error.undeliverableAddress", { address: message.to.slice(0, 254) });
  const id = randomUUID();
  const now = Date.now();
  await trx
    .insertInto("mail_outbox")
    .values({
      id,
      to_address: message.to,
      from_address: message.from,
      subject: message.subject,
      text_body: message.text,
      html_body: message.html,
      created_at: now,
      attempts: 0,
      next_attempt_at: now,
      claimed_until: null,
      sent_at: null,
      last_error: null,
      local_delivery: 0,
    })
    .execute();
  return id;
}
