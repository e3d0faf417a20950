import type { NamedMigrations } from "@sesame/kit/db/migrations";
import { createMailOutboxTable } from "@sesame/kit/mail/outbox-table";
import { createAccountTable } from "../accounts/account-table";
import { createMailboxTable } from "../mailbox/mailbox-table";
import { createSessionTable } from "../sessions/session-table";

/** Append only: a released migration is never edited, a new one is added after it. */
export const identityMigrations: NamedMigrations = {
  "0001_mail_outbox": { up: createMailOutboxTable },
  "0002_accounts": { up: createAccountTable },
  "0003_sessions": { up: createSessionTable },
  "0004_mailbox": { up: createMailboxTable },
};
