import type { IdentityContext } from "../context";
import type { MailboxMessageTable } from "../storage/mailbox-table";

/**
 * The newest mail delivered to `to` through the embedded SMTP sink, waiting for the outbox to send
 * it. Tests read mail here rather than in the outbox, which forgets a message's body once sent.
 */
export async function deliveredMail(
  ctx: IdentityContext,
  to: string,
  timeoutMs = 5000,
): Promise<MailboxMessageTable> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    ctx.mailQueued();
    const mail = await ctx.db
      .selectFrom("mailbox_message")
      .selectAll()
      .where("to_address", "=", to)
      .orderBy("received_at", "desc")
      .executeTakeFirst();
    if (mail) return mail;
    if (Date.now() > until) throw new Error(`no mail delivered to ${to} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
