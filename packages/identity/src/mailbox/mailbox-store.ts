import { randomUUID } from "node:crypto";
import { isUniqueViolation } from "@sesame/kit/db/unique-violation";
import type { ReceivedMail } from "@sesame/kit/mail/smtp-sink";
import type { Kysely, Selectable } from "kysely";
import { normalizeEmail } from "../accounts/email";
import type { MailboxMessageTable } from "../storage/mailbox-table";
import type { IdentityDB } from "../storage/schema";

export type MailboxMessage = Selectable<MailboxMessageTable>;

export async function storeReceivedMail(db: Kysely<IdentityDB>, mail: ReceivedMail): Promise<void> {
  for (const to of mail.to) {
    try {
      await db
        .insertInto("mailbox_message")
        .values({
          id: randomUUID(),
          message_id: mail.messageId,
          to_address: normalizeEmail(to),
          from_address: mail.from,
          subject: mail.subject,
          text_body: mail.text,
          html_body: mail.html,
          received_at: mail.date,
        })
        .execute();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
}

/** Newest first. */
export function messagesFor(
  db: Kysely<IdentityDB>,
  to: string | undefined,
  limit = 50,
): Promise<MailboxMessage[]> {
  let query = db
    .selectFrom("mailbox_message")
    .selectAll()
    .orderBy("received_at", "desc")
    .orderBy("id")
    .limit(limit);
  if (to) query = query.where("to_address", "=", normalizeEmail(to));
  return query.execute();
}

/** Deletes one message of the mailbox of `to`; another address's message is never touched. */
export async function deleteMessage(db: Kysely<IdentityDB>, to: string, id: string): Promise<boolean> {
  const deleted = await db
    .deleteFrom("mailbox_message")
    .where("id", "=", id)
    .where("to_address", "=", normalizeEmail(to))
    .executeTakeFirst();
  return Number(deleted.numDeletedRows) > 0;
}
