import type { MailTransport } from "@sesame/kit/mail/sender";
import type { Kysely } from "kysely";
import { emailDomain } from "../accounts/email";
import type { IdentityDB } from "../storage/schema";
import { storeReceivedMail } from "./mailbox-store";

/**
 * With a real SMTP relay, mail for the platform's own consumer domains (@outlook.fr …) is not sent
 * out: those mailboxes live here, so it is stored directly. Everything else goes through `relay`.
 */
export function deliverOwnDomainsLocally(
  relay: MailTransport,
  db: Kysely<IdentityDB>,
  ownDomains: readonly string[],
): MailTransport {
  return {
    async sendMail(message) {
      const to = String(message.to ?? "");
      if (!ownDomains.includes(emailDomain(to))) return relay.sendMail(message);
      await storeReceivedMail(db, {
        messageId: String(message.messageId ?? ""),
        to: [to],
        from: String(message.from ?? ""),
        subject: String(message.subject ?? ""),
        text: String(message.text ?? ""),
        html: String(message.html ?? ""),
        date: Date.now(),
      });
      return { accepted: [to] };
    },
    close: () => relay.close(),
  };
}
