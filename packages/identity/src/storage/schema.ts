import type { MailTables } from "@sesame/kit/mail/outbox-table";
import type { AccountTables } from "../accounts/account-table";
import type { MailboxTables } from "../mailbox/mailbox-table";
import type { SessionTables } from "../sessions/session-table";

/** Every table of identity; each feature folder owns its own part. */
export interface IdentityDB extends MailTables, AccountTables, SessionTables, MailboxTables {}
